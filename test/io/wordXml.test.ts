import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import { WordError } from '../../server/src/io/word';
import { parseXml, xmlText } from '../../server/src/io/word/xml';

// The XML reader of Word parts against saxes, a strict XML parser that follows the
// specification closely: on generated documents, well-formed or broken in the ways a
// damaged file is, both accept the same ones and report the same elements, attributes and
// text; every offset the reader gives points at the tag it names.

type Event = [kind: 'open', name: string, attributes: Record<string, string>] | [kind: 'close', name: string] | [kind: 'text', text: string];

/** Adjacent text joined, and text outside the root left out: how the two parsers chunk text differs. */
function normalize(events: Event[]): Event[] {
	const out: Event[] = [];
	let depth = 0;
	for (const e of events) {
		if (e[0] === 'text') {
			if (depth === 0 || e[1] === '') continue;
			const last = out[out.length - 1];
			if (last?.[0] === 'text') last[1] += e[1];
			else out.push(['text', e[1]]);
			continue;
		}
		depth += e[0] === 'open' ? 1 : -1;
		out.push(e);
	}
	return out;
}

function ours(xml: string): Event[] | 'error' {
	const events: Event[] = [];
	const bytes = Buffer.from(xml, 'utf8');
	try {
		parseXml(bytes, 'part.xml', {
			open(tag, start, end) {
				assert.ok(bytes.subarray(start).toString('utf8').startsWith(`<${tag.name}`), "the start offset is the tag's <");
				assert.equal(bytes[end - 1], 0x3e);
				events.push(['open', tag.name, tag.attributes()]);
			},
			close(name, start, end) {
				assert.equal(bytes[start], 0x3c);
				assert.equal(bytes[end - 1], 0x3e);
				events.push(['close', name]);
			},
			text(start, end, cdata) {
				events.push(['text', xmlText(bytes, start, end, cdata)]);
			},
		});
	} catch (err) {
		if (err instanceof WordError) return 'error';
		throw err;
	}
	return normalize(events);
}

function theirs(xml: string): Event[] | 'error' {
	const events: Event[] = [];
	const parser = new SaxesParser({ xmlns: false });
	parser.on('opentag', (tag) => events.push(['open', tag.name, { ...(tag.attributes as Record<string, string>) }]));
	parser.on('closetag', (tag) => events.push(['close', tag.name]));
	parser.on('text', (text) => events.push(['text', text]));
	parser.on('cdata', (text) => events.push(['text', text]));
	try {
		parser.write(xml).close();
	} catch {
		return 'error';
	}
	return normalize(events);
}

// Pieces of Word's markup, and pieces that break it.
const good = [
	'<w:p>',
	'</w:p>',
	'<w:r>',
	'</w:r>',
	'<w:t>',
	'</w:t>',
	'<w:t xml:space="preserve">',
	'<w:rFonts w:hint="eastAsia"/>',
	'<w:b/>',
	"<w:sym w:font='Wingdings' w:char='F0FC'/>",
	'<w:ins w:id="3" w:author="编辑&amp;甲" w:date="2024-03-01T08:00:00Z">',
	'</w:ins>',
	'<w:br\n/>',
	'<a b = "1"\tc="&#x4E2D;&lt;"   >',
	'</a >',
	'全区',
	' 6个 ',
	'A&amp;B',
	'&#12289;',
	'&#x1F600;',
	'“引号”',
	'𠮷',
	'<![CDATA[<不是标签> & ]]>',
	'<!-- 批注 -->',
	'<?mso-application progid="Word.Document"?>',
	'\r\n',
	'\n',
	'>',
	'<名 属="值\n行"/>',
	'<a·b/>',
	'<?xml-stylesheet href="a"?>',
];
const bad = [
	'<',
	'&',
	'&xxe;',
	'&#0;',
	'&#xD800;',
	'<w:r',
	'<w:r w:a="1" w:a="2">',
	'<w:r w:a=1>',
	'<w:r w:a="1"w:b="2">',
	'<w:r w:a="<">',
	']]>',
	'<!-- a -- b -->',
	'<1a>',
	'</w:x>',
	'\u0001',
	'\uffff',
	'<?xml version="1.0"?>',
	'<!DOCTYPE x>',
	'<![CDATA[',
	'"',
	"'",
	'=',
	'<·a/>',
	'<a\u00d7/>',
	'<?xml?>',
	'<? x?>',
];

const documents = fc
	.array(fc.oneof({ arbitrary: fc.constantFrom(...good), weight: 12 }, { arbitrary: fc.constantFrom(...bad), weight: 1 }), { maxLength: 30 })
	.chain((body) =>
		fc
			.constantFrom('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n', '', ' ')
			.map((decl) => `${decl}<w:document xmlns:w="urn:w">${body.join('')}</w:document>`),
	);

/** A document whose elements are balanced, so that most generated ones are well-formed. */
const balanced: fc.Arbitrary<string> = fc
	.letrec<{ node: string }>((tie) => ({
		node: fc.oneof(
			{ depthSize: 'small', withCrossShrink: true },
			fc.constantFrom('全区', ' 6个 ', 'A&amp;B', '&#x3001;', '<w:b/>', '<![CDATA[a<b]]>', '<!--c-->', '\r\n', '𠮷', '&bad;'),
			fc
				.tuple(
					fc.constantFrom('w:p', 'w:r', 'w:t', 'x', 'w:ins'),
					fc.constantFrom('', ' w:id="1"', " a='&quot;'", ' a="1" b="2"', ' a="x\ty"', ' a="1" a="1"'),
					fc.array(tie('node'), { maxLength: 4 }),
				)
				.map(([name, attrs, children]) => `<${name}${attrs}>${children.join('')}</${name}>`),
		),
	}))
	.node.map((root) => `<root>${root}</root>`);

describe('Word drafts: the XML reader', () => {
	it('accepts and rejects the same generated documents as saxes, with the same elements, attributes and text', () => {
		let accepted = 0;
		let rejected = 0;
		fc.assert(
			fc.property(fc.oneof(documents, balanced), (xml) => {
				if (xml.includes('<!DOCTYPE')) {
					// saxes reads a DTD; this reader refuses any document that has one.
					assert.throws(() => parseXml(Buffer.from(xml), 'part.xml', {}), WordError);
					return;
				}
				const expected = theirs(xml);
				assert.deepEqual(ours(xml), expected, xml);
				if (expected === 'error') rejected++;
				else accepted++;
			}),
			{ numRuns: 3000 },
		);
		// Both kinds are well represented.
		assert.ok(accepted > 300 && rejected > 300, `${accepted} accepted, ${rejected} rejected`);
	});

	it('names the line and column of a fault', () => {
		const at = (xml: string) => {
			try {
				parseXml(Buffer.from(xml), 'word/document.xml', {});
			} catch (err) {
				return (err as Error).message;
			}
			return 'no error';
		};
		assert.equal(at('<a>\n  <b>\n</a>'), '文件已损坏：word/document.xml 第 3 行第 1 列 XML 格式错误（结束标签 </a> 与开始标签 <b> 不匹配），已跳过');
		assert.equal(at('<a>\n全区&nbsp;</a>'), '文件已损坏：word/document.xml 第 2 行第 3 列 XML 格式错误（未定义的实体 &nbsp;），已跳过');
		assert.equal(at('<a x="1" x="2"/>'), '文件已损坏：word/document.xml 第 1 行第 10 列 XML 格式错误（属性 x 重复），已跳过');
		assert.equal(at('<a>\u0007</a>'), '文件已损坏：word/document.xml 第 1 行第 4 列 XML 格式错误（XML 不允许的字符 U+0007），已跳过');
		assert.equal(at('<a><b>'), '文件已损坏：word/document.xml 第 1 行第 7 列 XML 格式错误（元素 <b> 没有结束标签），已跳过');
		assert.equal(at('<a/><b/>'), '文件已损坏：word/document.xml 第 1 行第 5 列 XML 格式错误（只能有一个根元素），已跳过');
		assert.equal(at(''), '文件已损坏：word/document.xml 第 1 行第 1 列 XML 格式错误（没有根元素），已跳过');
	});

	it("refuses a DTD before reading any entity, and expands none but XML's five", () => {
		const billion = '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>\n<lolz>&lol2;</lolz>';
		assert.throws(
			() => parseXml(Buffer.from(billion), 'word/document.xml', {}),
			(err: Error) =>
				err instanceof WordError && err.message === 'word/document.xml 含 DTD 声明（<!DOCTYPE>）；为安全起见，newsproof 不解析 DTD 和外部实体，已跳过',
		);
		const texts: string[] = [];
		const xml = Buffer.from('<a b="&lt;&#x4E2D;&quot;">&amp;&apos;&gt;&#25991;</a>');
		parseXml(xml, 'p', {
			open: (tag) => texts.push(tag.attr('b')!),
			text: (start, end, cdata) => texts.push(xmlText(xml, start, end, cdata)),
		});
		assert.deepEqual(texts, ['<中"', "&'>文"]);
	});
});
