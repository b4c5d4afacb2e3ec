import AdmZip from 'adm-zip';
import { parseXml } from '../server/src/io/word/xml';
import { extractPart } from '../server/src/io/word/extract';
import { readWordDraft } from '../server/src/io/word';
import { readFileSync } from 'node:fs';
const buf = readFileSync('/tmp/lo/bench.docx');
const xml = new AdmZip(buf).getEntry('word/document.xml')!.getData().toString();
function time(name: string, f: () => void, n = 300) { for (let i = 0; i < 50; i++) f(); const t = process.hrtime.bigint(); for (let i = 0; i < n; i++) f(); console.log(name, (Number(process.hrtime.bigint() - t) / 1e6 / n).toFixed(3), 'ms'); }
time('parseXml noop', () => parseXml(xml, 'x', {}));
time('parseXml open+close', () => parseXml(xml, 'x', { open() {}, close() {}, text() {} }));
time('extractPart', () => extractPart(xml, 0, 'x', 'body'));
time('readWordDraft', () => readWordDraft(buf));
const S = require('saxes');
time('raw saxes', () => { const p = new S.SaxesParser({ xmlns: false, position: true }); p.on('opentag', () => {}); p.write(xml).close(); });
