import { deflateRawSync } from 'node:zlib';
import AdmZip from 'adm-zip';
import * as CFB from 'cfb';
import { crc32 } from '../../server/src/io/word/container';

// A small writer of Word documents for the tests: WordprocessingML written by hand, the way
// Word and WPS lay it out (runs with properties and revision ids, xml:space on text with
// spaces), zipped into a package Word, WPS and LibreOffice open. Every document a test
// needs is made here from text the test writes.

export const wordNamespace = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const relsNamespace = 'http://schemas.openxmlformats.org/package/2006/relationships';
const officeRels = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export function esc(text: string): string {
	return text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
}

let rsid = 0x00a40000;
const nextRsid = () => (rsid++).toString(16).toUpperCase().padStart(8, '0');

/** A run of text, with run properties (inner XML of w:rPr). */
export function r(text: string, rPr = '<w:rFonts w:hint="eastAsia"/>'): string {
	const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : '';
	return `<w:r w:rsidRPr="${nextRsid()}">${rPr ? `<w:rPr>${rPr}</w:rPr>` : ''}<w:t${space}>${esc(text)}</w:t></w:r>`;
}

export const bold = (text: string) => r(text, '<w:rFonts w:hint="eastAsia"/><w:b/>');

/** A paragraph of the given inline content (runs, revisions, fields …). */
export function p(...content: string[]): string {
	return `<w:p w:rsidR="${nextRsid()}" w:rsidRDefault="${nextRsid()}"><w:pPr><w:ind w:firstLineChars="200" w:firstLine="420"/></w:pPr>${content.join('')}</w:p>`;
}

/**
 * A paragraph of plain text in runs split the way an editor's sessions split them: at
 * every change between Chinese and Latin letters or digits, and every `every` characters.
 */
export function textParagraph(text: string, every = 11): string {
	const runs: string[] = [];
	let start = 0;
	for (let i = 1; i <= text.length; i++) {
		const scriptChange = i < text.length && /[\x21-\x7e]/.test(text[i]) !== /[\x21-\x7e]/.test(text[i - 1]);
		if (i === text.length || scriptChange || i - start >= every) {
			runs.push(r(text.slice(start, i)));
			start = i;
		}
	}
	return p(...runs);
}

export function table(rows: string[][][]): string {
	const cell = (paragraphs: string[]) => `<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr>${paragraphs.join('')}</w:tc>`;
	return `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>${rows.map((row) => `<w:tr>${row.map(cell).join('')}</w:tr>`).join('')}</w:tbl>`;
}

export const ins = (content: string, id = 901) => `<w:ins w:id="${id}" w:author="编辑甲" w:date="2024-03-01T08:00:00Z">${content}</w:ins>`;
export const del = (text: string, id = 902) =>
	`<w:del w:id="${id}" w:author="编辑甲" w:date="2024-03-01T08:00:00Z"><w:r><w:delText xml:space="preserve">${esc(text)}</w:delText></w:r></w:del>`;

/** A complex field (PAGE, DATE, REF …) showing `result`. */
export function field(instruction: string, result: string): string {
	return (
		'<w:r><w:fldChar w:fldCharType="begin"/></w:r>' +
		`<w:r><w:instrText xml:space="preserve"> ${esc(instruction)} </w:instrText></w:r>` +
		'<w:r><w:fldChar w:fldCharType="separate"/></w:r>' +
		r(result) +
		'<w:r><w:fldChar w:fldCharType="end"/></w:r>'
	);
}

export const hyperlink = (content: string) => `<w:hyperlink r:id="rIdLink1" w:history="1">${content}</w:hyperlink>`;

/** A text box anchored in a run, as Word writes it: the shape, then the VML fallback with the same text. */
export function textBox(paragraphs: string[]): string {
	const body = `<w:txbxContent>${paragraphs.join('')}</w:txbxContent>`;
	return (
		'<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">' +
		'<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>' +
		'<wp:extent cx="2000000" cy="600000"/><wp:wrapSquare wrapText="bothSides"/><wp:docPr id="1" name="文本框 1"/>' +
		'<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2000000" cy="600000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>' +
		`<wps:txbx>${body}</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>` +
		`<mc:Fallback><w:pict><v:shape style="width:160pt;height:48pt"><v:textbox>${body}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>`
	);
}

export const footnoteReference = (id: number) => `<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="${id}"/></w:r>`;

const rootAttributes =
	`xmlns:w="${wordNamespace}" xmlns:r="${officeRels}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ` +
	'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ' +
	'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="wps"';

export function documentXml(body: string[]): string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${rootAttributes}><w:body>${body.join('')}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>`;
}

/** Footnotes: Word's separator notes, then one note per entry (ids from 1). */
export function footnotesXml(notes: string[][]): string {
	const separators =
		'<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>';
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes ${rootAttributes}>${separators}${notes.map((paragraphs, i) => `<w:footnote w:id="${i + 1}">${paragraphs.join('')}</w:footnote>`).join('')}</w:footnotes>`;
}

export interface DocxOptions {
	footnotes?: string[][];
	/** More entries, or replacements of the standard ones (word/document.xml …). */
	entries?: Record<string, string | Buffer>;
	/** Standard entries to leave out. */
	without?: string[];
	/** Entries stored without compression. */
	stored?: string[];
}

export function docx(body: string[], options: DocxOptions = {}): Buffer {
	const footnotes = options.footnotes;
	const entries: Record<string, string | Buffer> = {
		'[Content_Types].xml':
			'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>' +
			'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
			(footnotes
				? '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
				: '') +
			'</Types>',
		'_rels/.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${relsNamespace}"><Relationship Id="rId1" Type="${officeRels}/officeDocument" Target="word/document.xml"/></Relationships>`,
		'word/document.xml': documentXml(body),
		'word/_rels/document.xml.rels':
			`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${relsNamespace}">` +
			`<Relationship Id="rIdLink1" Type="${officeRels}/hyperlink" Target="https://example.org/" TargetMode="External"/>` +
			(footnotes ? `<Relationship Id="rIdNotes" Type="${officeRels}/footnotes" Target="footnotes.xml"/>` : '') +
			'</Relationships>',
		...(footnotes ? { 'word/footnotes.xml': footnotesXml(footnotes) } : {}),
		...options.entries,
	};
	const zip = new AdmZip();
	for (const [name, content] of Object.entries(entries)) {
		if (options.without?.includes(name)) continue;
		const entry = zip.addFile(name, Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'));
		if (options.stored?.includes(name)) entry.header.method = 0;
	}
	return zip.toBuffer();
}

/** A document of plain paragraphs, one per line of `text`. */
export function docxOfText(text: string, every?: number): Buffer {
	return docx(text.split('\n').map((line) => textParagraph(line, every)));
}

/** Sets the unpacked size an entry declares, in its local header and the central directory. */
export function declareSize(zip: Buffer, name: string, size: number): Buffer {
	const out = Buffer.from(zip);
	const nameBytes = Buffer.from(name, 'utf8');
	for (let i = 0; i + 46 < out.length; i++) {
		const sig = out.readUInt32LE(i);
		if (sig === 0x04034b50 && out.subarray(i + 30, i + 30 + out.readUInt16LE(i + 26)).equals(nameBytes)) out.writeUInt32LE(size, i + 22);
		if (sig === 0x02014b50 && out.subarray(i + 46, i + 46 + out.readUInt16LE(i + 28)).equals(nameBytes)) out.writeUInt32LE(size, i + 24);
	}
	return out;
}

/** An OLE compound file with these streams: how .doc, .wps and password-protected .docx files are stored. */
export function compoundFile(streams: Record<string, Buffer>): Buffer {
	const cfb = CFB.utils.cfb_new();
	for (const [name, content] of Object.entries(streams)) CFB.utils.cfb_add(cfb, `/${name}`, content);
	return Buffer.from(CFB.write(cfb, { type: 'buffer' }) as Uint8Array);
}

/** The text of every w:t, w:delText … element between two offsets of a part, in order. */
export function textBetween(xml: string, tag: 't' | 'delText'): string[] {
	return [...xml.matchAll(new RegExp(`<w:${tag}(?: [^>]*)?>([^<]*)</w:${tag}>`, 'g'))].map((m) => m[1]);
}

/**
 * The entries of a document zipped the way streaming writers do it: sizes and CRC in a data
 * descriptor after each entry's data, and with `zip64` the ZIP64 records (sizes and offsets
 * in the extra field, a ZIP64 end record and its locator), as some writers add them even to
 * small files. Written here byte by byte, from the specification.
 */
export function streamedZip(entries: Record<string, string | Buffer>, options: { zip64?: boolean; comment?: string } = {}): Buffer {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	const u16 = (n: number) => Buffer.from([n & 0xff, (n >>> 8) & 0xff]);
	const u32 = (n: number) => {
		const b = Buffer.alloc(4);
		b.writeUInt32LE(n >>> 0);
		return b;
	};
	const u64 = (n: number) => {
		const b = Buffer.alloc(8);
		b.writeBigUInt64LE(BigInt(n));
		return b;
	};
	for (const [name, content] of Object.entries(entries)) {
		const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
		const packed = deflateRawSync(data);
		const crc = crc32(data);
		const nameBytes = Buffer.from(name, 'utf8');
		const local = Buffer.concat([
			u32(0x04034b50),
			u16(20),
			u16(0x0808),
			u16(8),
			u16(0),
			u16(0x5821),
			u32(0),
			u32(0),
			u32(0),
			u16(nameBytes.length),
			u16(0),
			nameBytes,
			packed,
			u32(0x08074b50),
			u32(crc),
			u32(packed.length),
			u32(data.length),
		]);
		const extra = options.zip64 ? Buffer.concat([u16(1), u16(24), u64(data.length), u64(packed.length), u64(offset)]) : Buffer.alloc(0);
		const big = options.zip64 ? 0xffffffff : undefined;
		centrals.push(
			Buffer.concat([
				u32(0x02014b50),
				u16(45),
				u16(20),
				u16(0x0808),
				u16(8),
				u16(0),
				u16(0x5821),
				u32(crc),
				u32(big ?? packed.length),
				u32(big ?? data.length),
				u16(nameBytes.length),
				u16(extra.length),
				u16(0),
				u16(0),
				u16(0),
				u32(0),
				u32(big ?? offset),
				nameBytes,
				extra,
			]),
		);
		locals.push(local);
		offset += local.length;
	}
	const central = Buffer.concat(centrals);
	const count = centrals.length;
	const comment = Buffer.from(options.comment ?? '', 'utf8');
	const tail: Buffer[] = [];
	if (options.zip64) {
		const end64At = offset + central.length;
		tail.push(Buffer.concat([u32(0x06064b50), u64(44), u16(45), u16(45), u32(0), u32(0), u64(count), u64(count), u64(central.length), u64(offset)]));
		tail.push(Buffer.concat([u32(0x07064b50), u32(0), u64(end64At), u32(1)]));
		tail.push(Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(0xffff), u16(0xffff), u32(0xffffffff), u32(0xffffffff), u16(comment.length), comment]));
	} else {
		tail.push(Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(count), u16(count), u32(central.length), u32(offset), u16(comment.length), comment]));
	}
	return Buffer.concat([...locals, central, ...tail]);
}

/** The standard entries of a document, to zip some other way. */
export function docxEntries(body: string[]): Record<string, string> {
	const zip = new AdmZip(docx(body));
	return Object.fromEntries(zip.getEntries().map((e) => [e.entryName, e.getData().toString('utf8')]));
}
