import { type ConfigFileRead, type ConfigReader, readConfigFile } from './config';

// An editor keeps working while a config file is being edited: a file that is broken for the
// moment (a half-typed key, an impossible date) is shown with its problems, and its last good
// version still applies, so that rules the desk switched off do not come back meanwhile. The
// command line has no last good version: it stops instead.

export class LastGoodConfigs {
	private readonly good = new Map<string, ConfigFileRead>();

	/** `inner` reads a file as it is now (the engine's reader, which rereads only a changed file). */
	constructor(private readonly inner: ConfigReader = readConfigFile) {}

	/** A ConfigReader: the file as it is when usable, else its last usable version with today's problems. */
	readonly read = (file: string): ConfigFileRead => {
		const now = this.inner(file);
		if (now.config) {
			this.good.set(file, now);
			return now;
		}
		const last = this.good.get(file);
		if (!last) return now;
		// Only the current text's problems: the last good version's rule keys are at lines that may have moved.
		return { config: last.config, problems: now.problems.map((p) => ({ ...p, message: `${p.message}（改正之前，仍按此文件上次正确的内容检查）` })) };
	};

	forget(): void {
		this.good.clear();
	}
}
