/** Runs `fn` with the environment variables set (undefined: unset), and restores them after. */
export function withEnv<T>(vars: Record<string, string | undefined>, fn: () => T): T {
	const before = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
	const set = (values: Record<string, string | undefined>) => {
		for (const [k, v] of Object.entries(values)) {
			if (v === undefined) delete process.env[k];
			else process.env[k] = v;
		}
	};
	set(vars);
	try {
		return fn();
	} finally {
		set(before);
	}
}

/** A minute for the ReDoS checker per pattern, so that its verdicts do not depend on the machine's speed. */
export const patientChecker = { NEWSPROOF_REGEX_CHECK_MS: '60000' };
