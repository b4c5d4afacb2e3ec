// The part of the WebAssembly JavaScript API the segmenter uses. Node 20 has it all, but
// @types/node 20 does not declare it (lib.dom does, which the project does not load).

declare namespace WebAssembly {
	type ImportValue = ((...args: never[]) => unknown) | Memory;
	type Imports = Record<string, Record<string, ImportValue>>;
	type Exports = Record<string, unknown>;

	interface ModuleImportDescriptor {
		module: string;
		name: string;
		kind: 'function' | 'table' | 'memory' | 'global';
	}

	interface ModuleExportDescriptor {
		name: string;
		kind: 'function' | 'table' | 'memory' | 'global';
	}

	interface Module {}
	var Module: {
		prototype: Module;
		new (bytes: ArrayBufferView | ArrayBuffer): Module;
		imports(module: Module): ModuleImportDescriptor[];
		exports(module: Module): ModuleExportDescriptor[];
	};

	interface Instance {
		readonly exports: Exports;
	}
	var Instance: {
		prototype: Instance;
		new (module: Module, imports?: Imports): Instance;
	};

	interface Memory {
		readonly buffer: ArrayBuffer;
		grow(delta: number): number;
	}
	var Memory: {
		prototype: Memory;
		new (descriptor: { initial: number; maximum?: number }): Memory;
	};

	interface RuntimeError extends Error {}
	var RuntimeError: {
		prototype: RuntimeError;
		new (message?: string): RuntimeError;
	};
}
