// A progress bar on stderr, only when stderr is a terminal and the run is long enough to
// need one: it starts after half a second and redraws at most ten times a second.

export class ProgressBar {
	private readonly started = Date.now();
	private lastDraw = 0;
	private drawn = false;

	constructor(
		private readonly stream: NodeJS.WriteStream,
		private readonly enabled: boolean,
	) {}

	static for(stream: NodeJS.WriteStream, total: number): ProgressBar {
		return new ProgressBar(stream, Boolean(stream.isTTY) && total >= 20 && !process.env.CI);
	}

	update = (done: number, total: number): void => {
		if (!this.enabled) return;
		const now = Date.now();
		if (now - this.started < 500 || (now - this.lastDraw < 100 && done < total)) return;
		this.lastDraw = now;
		const width = Math.max(10, Math.min(40, (this.stream.columns ?? 80) - 30));
		const filled = Math.round((done / total) * width);
		this.stream.write(`\r[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total} 个文件`);
		this.drawn = true;
	};

	clear(): void {
		if (this.drawn) this.stream.write('\r\x1b[K');
		this.drawn = false;
	}
}
