// Reported speech: words a draft attributes to someone, with or without quotation marks.
// A relative date inside them is the speaker's, not the story's (他说，今天……), and a name
// a speaker shortens (习近平强调，要以新时代中国特色社会主义思想为指导) is the speaker's wording.

/** A speech verb introducing reported speech earlier in the sentence: 他说，…, 发言人表示，… */
const reportingVerb = /(?:说|表示|指出|称|强调|认为|介绍|坦言|透露|宣布|写道|回应|提到|告诉记者|要求|号召|希望|勉励|寄语|指示|提出)[，：:]/;
/** A paragraph that opens with 李克强说， reports speech to its end. */
const speechParagraph = /^[^。！？，]{1,30}(?:说|表示|指出|强调|要求|认为)[，：:]/;
/** A sentence whose speaker opens it: 习近平希望光明日报……, 李强在会上强调…… */
const speakerOpens = /^[\u3400-\u9fff]{0,6}(?:在[^，。！？]{1,30})?(?:强调|指出|表示|希望|要求|勉励|号召|提出|说)/;
/** An instruction, which in news is a leader's or a meeting's: ……要以……为指导, 必须坚持…… */
const instruction = /(?:^|[，；：])(?:[^，；：]{0,12}(?:要|应|应当|必须|需要)(?![求是点闻素])|[\u3400-\u9fff]{0,2}(?:希望|要求|勉励|号召|嘱托|鼓励))/;
/** Speech in the first person, with or without quotation marks: 我们的会谈…, 咱们今天… */
const firstPerson = /我们|咱们|我(?![国省市区县军党方])/;

/** The sentence of `text` before `offset`: from after the last 。！？ up to it, at most 200 characters back. */
function sentenceBefore(text: string, offset: number): string {
	let start = offset;
	while (start > 0 && offset - start < 200 && !'。！？'.includes(text[start - 1])) start--;
	return text.slice(start, offset);
}

/** Whether the words at `offset` are reported speech: after a speech verb in the sentence, or in a paragraph that opens with one. */
export function reportedSpeech(text: string, offset: number): boolean {
	const sentence = sentenceBefore(text, offset);
	const opener = speechParagraph.exec(text);
	return (opener !== null && offset >= opener[0].length) || reportingVerb.test(sentence) || speakerOpens.test(sentence);
}

/** Whether the sentence before `offset` gives an instruction (要……, 必须……): a speaker's words, not the reporter's. */
export function instructionBefore(text: string, offset: number): boolean {
	return instruction.test(sentenceBefore(text, offset));
}

/** Whether the sentence around `offset` speaks in the first person. */
export function firstPersonSpeech(text: string, offset: number): boolean {
	const rest = text.slice(offset, offset + 80).split(/[。！？]/)[0];
	return firstPerson.test(sentenceBefore(text, offset)) || firstPerson.test(rest);
}
