import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import AdmZip from 'adm-zip';
import { pathToFileURL } from 'node:url';

// LibreOffice headless (Debian's libreoffice-writer-nogui) as a second reader of the Word
// documents newsproof writes. A Basic macro in a fresh user profile opens a document hidden,
// counts its tracked changes, optionally renders it to PDF with the revisions shown,
// accepts all changes and saves the text. LibreOffice 7.4 opening a document with comments
// in a headless view aborts or hangs now and then while it builds the comments' margin
// windows (NoSuchElementException from its interim builder), so the macro is given
// documents without comment anchors; comments are read from a conversion to ODT instead,
// which builds no view and is stable.

export function sofficePath(): string | undefined {
	for (const candidate of ['/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice']) {
		if (existsSync(candidate)) return candidate;
	}
	return undefined;
}

const macro = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Check(inPath As String, txtPath As String, pdfPath As String, infoPath As String)
	Dim load(0) As New com.sun.star.beans.PropertyValue
	load(0).Name = "Hidden"
	load(0).Value = True
	doc = StarDesktop.loadComponentFromURL(ConvertToURL(inPath), "_blank", 0, load())
	redlines = 0
	authors = ""
	e = doc.getRedlines().createEnumeration()
	Do While e.hasMoreElements()
		x = e.nextElement()
		redlines = redlines + 1
		authors = authors &amp; x.RedlineAuthor &amp; ";"
	Loop
	n = FreeFile
	Open infoPath For Output As #n
	Print #n, "redlines=" &amp; redlines
	Print #n, "authors=" &amp; authors
	Close #n
	If pdfPath &lt;&gt; "" Then
		Dim fd(1) As New com.sun.star.beans.PropertyValue
		fd(0).Name = "ExportNotes"
		fd(0).Value = True
		fd(1).Name = "ExportNotesInMargin"
		fd(1).Value = True
		Dim pdf(1) As New com.sun.star.beans.PropertyValue
		pdf(0).Name = "FilterName"
		pdf(0).Value = "writer_pdf_Export"
		pdf(1).Name = "FilterData"
		pdf(1).Value = fd()
		doc.storeToURL(ConvertToURL(pdfPath), pdf())
	End If
	dispatcher = createUnoService("com.sun.star.frame.DispatchHelper")
	dispatcher.executeDispatch(doc.getCurrentController().getFrame(), ".uno:AcceptAllTrackedChanges", "", 0, Array())
	Dim txt(1) As New com.sun.star.beans.PropertyValue
	txt(0).Name = "FilterName"
	txt(0).Value = "Text (encoded)"
	txt(1).Name = "FilterOptions"
	txt(1).Value = "UTF8,LF,,"
	doc.storeToURL(ConvertToURL(txtPath), txt())
	doc.close(True)
End Sub
</script:module>
`;

/** A user profile holding the macro: soffice lays the profile out on a first start, then the module is replaced. */
function profile(soffice: string): string {
	const dir = mkdtempSync(join(tmpdir(), 'newsproof-lo-profile-'));
	spawnSync(soffice, ['--headless', '--invisible', '--norestore', '--terminate_after_init', `-env:UserInstallation=${pathToFileURL(dir).href}`], {
		timeout: 120000,
	});
	const module = join(dir, 'user', 'basic', 'Standard', 'Module1.xba');
	if (!existsSync(module)) throw new Error(`LibreOffice did not lay out a profile in ${dir}`);
	writeFileSync(module, macro);
	return dir;
}

export interface LibreOfficeReading {
	/** The text with every change accepted, as LibreOffice saves it (BOM removed). */
	text: string;
	redlines: number;
	authors: string[];
}

/** Opens `docx` in LibreOffice; with `pdf`, renders it there first, revisions shown. */
export function readWithLibreOffice(docx: string, pdf = ''): LibreOfficeReading {
	const soffice = sofficePath();
	if (!soffice) throw new Error('LibreOffice is not installed');
	const out = mkdtempSync(join(tmpdir(), 'newsproof-lo-'));
	const txt = join(out, 'accepted.txt');
	const info = join(out, 'info.txt');
	const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
	const r = spawnSync(
		soffice,
		[
			'--headless',
			'--invisible',
			'--norestore',
			`-env:UserInstallation=${pathToFileURL(profile(soffice)).href}`,
			`macro:///Standard.Module1.Check(${[docx, txt, pdf, info].map(q).join(',')})`,
		],
		{
			encoding: 'utf8',
			timeout: 180000,
		},
	);
	if (!existsSync(txt) || !existsSync(info)) {
		throw new Error(`LibreOffice did not convert ${docx}: status ${r.status} ${r.error?.message ?? ''} ${r.stderr}`);
	}
	const fields = Object.fromEntries(
		readFileSync(info, 'utf8')
			.split(/\r?\n/)
			.filter(Boolean)
			.map((l) => l.split(/=(.*)/s).slice(0, 2)),
	);
	return {
		text: readFileSync(txt, 'utf8').replace(/^\ufeff/, ''),
		redlines: Number(fields.redlines),
		authors: String(fields.authors ?? '')
			.split(';')
			.filter(Boolean),
	};
}

/** The document converted to ODT by LibreOffice: its content.xml, where comments are office:annotation and revisions text:changed-region. */
export function odtContent(docx: string): string {
	const soffice = sofficePath();
	if (!soffice) throw new Error('LibreOffice is not installed');
	const out = mkdtempSync(join(tmpdir(), 'newsproof-lo-odt-'));
	const profileDir = mkdtempSync(join(tmpdir(), 'newsproof-lo-profile-'));
	const r = spawnSync(
		soffice,
		['--headless', '--norestore', `-env:UserInstallation=${pathToFileURL(profileDir).href}`, '--convert-to', 'odt', '--outdir', out, docx],
		{ encoding: 'utf8', timeout: 180000 },
	);
	const odt = join(out, basename(docx).replace(/\.docx$/i, '.odt'));
	if (!existsSync(odt)) throw new Error(`LibreOffice did not convert ${docx} to ODT: status ${r.status} ${r.stderr}`);
	return new AdmZip(odt).getEntry('content.xml')!.getData().toString('utf8');
}
