/**
 * Quote extraction over the text view: direct quotes (quote-mark regions that stand on their own,
 * with the cue and speaker found after, before, on an attribution line, after a dash, or in the
 * previous sentence), indirect quotes (a reporting verb with a content clause, "selon X", a
 * content clause followed by ", X a déclaré"), and mixed quotes (indirect content that holds
 * quoted words). The dependency tree, when there is one, refines the content clause and subject.
 */
import type { Span } from '../document.js';
import { findCues, splitInversion, type Cue, type Pron } from './cues.js';
import type { CueClass, QuoteLexicon } from './lexicon.js';
import { clauseStart, clauseSubject, isCap, isVerbLike, npEndingAt, npStartingAt, rangeSpan, subjectLeftOf, type Range } from './np.js';
import { toksIn, type Region, type Seg, type TextView, type Tok } from './text.js';
import { treeContent, treeSubject } from './tree.js';

export interface SpeakerRef extends Span {
  /** How the speaker was found. */
  how: 'np' | 'pron' | 'prev' | 'dash' | 'line' | 'selon';
}

export interface QuoteCand {
  type: 'direct' | 'indirect' | 'mixed';
  content: Span;
  cue: Cue | null;
  speaker: SpeakerRef | null;
  addressee: Span | null;
  /** Object of the cue ("accuse Moscou de ..."): the target of an accusation. */
  object: Span | null;
  seg: number;
  rule: string;
  region: number;
}

const COLON_LABELS = new Set(['update', 'correction', 'corrections', 'clarification', 'rectificatif', 'erratum', 'précision', 'updated', 'editor', "editor's", 'note', 'photo', 'photos', 'video', 'source', 'sources', 'lire', 'voir', 'related', 'read', 'watch', 'live', 'breaking', 'exclusive', 'analysis', 'opinion', 'commentary', 'interview', 'exclusif', 'vidéo', 'direct', 'tribune', 'édito', 'chronique', 'entretien', 'publié', 'par', 'by', 'posted', 'warning', 'attention', 'credit', 'crédit', 'légende', 'caption', 'tags', 'mots-clés', 'à', 'le', 'la', 'les', 'the', 'a', 'an', 'q', 'r', 'question', 'réponse', 'answer', 'contact', 'email', 'e-mail', 'tél', 'tel', 'info', 'infos', 'programme', 'menu', 'prix', 'date', 'lieu', 'horaires']);
const FIRST_PERSON = new Set(['je', "j'", 'nous', 'me', "m'", 'moi', 'mon', 'ma', 'mes', 'notre', 'nos', 'i', 'we', 'my', 'our', 'us', "i'm", "we're"]);
const DASHES = new Set(['–', '—', '-', '―']);
const OPEN_MARKS = /^[«“"‘„‹]$/;
const CLOSE_MARKS = /^[»”"’“›]$/;
const END_PUNCT = /^(?:[.!?…,;:]|\.\.\.)$/;
const EN_CLAUSE_START = new Set(['he', 'she', 'they', 'we', 'i', 'it', 'there', 'this', 'you', 'the', 'a', 'an', 'his', 'her', 'their', 'its', 'our', 'no', 'some', 'all', 'most', 'many', 'both', 'if', 'what', 'nothing', 'everyone', 'nobody']);
const EN_NOT_CLAUSE_START = new Set(['to', 'about', 'for', 'on', 'in', 'at', 'with', 'of', 'by', 'from', 'as', 'after', 'before', 'during', 'while', 'when', 'and', 'or', 'but', 'so', 'yes', 'no', 'nothing', 'something', 'anything', 'him', 'her', 'them', 'me', 'us', 'goodbye', 'hello', 'thanks', 'repeatedly', 'previously', 'publicly', 'privately', 'earlier', 'later', 'again', 'also', 'then', 'recently', 'yesterday', 'today', 'tonight', 'now', 'not', 'never', 'nothing', 'under', 'over', 'into', 'through', 'via', 'without', 'because', 'if', 'though', 'although', 'since', 'until', 'unless', 'whether', 'what', 'how', 'why', 'who', 'which', 'where']);
const EN_FINITE = /^(?:is|are|was|were|will|would|has|have|had|can|could|should|did|does|do|must|may|might|\w+ed|\w+s)$/;
const EN_OBJECT_VERBS = new Set(['tell', 'inform', 'remind', 'warn', 'assure', 'notify', 'ask', 'urge', 'advise', 'reassure', 'accuse', 'blame', 'caution', 'promise']);
const FR_OBJECT_VERBS = new Set(['informer', 'avertir', 'prévenir', 'assurer', 'accuser', 'rassurer', 'exhorter', 'inviter', 'appeler', 'supplier', 'implorer', 'menacer', 'blâmer']);
const FR_INF = /(?:er|ir|re|oir)$/;
/** English verbs of commitment whose content is "to" + verb. */
const EN_COMMIT = new Set(['promise', 'vow', 'pledge', 'threaten', 'swear']);
/** Words opening an indirect question ("asked whether …", "a demandé si …"): never an object noun phrase. */
const WH_WORDS = new Set(['how', 'why', 'whether', 'what', 'where', 'who', 'when', 'if', 'comment', 'pourquoi', 'combien', 'où', 'si', "s'", 'quand']);
/** Words opening a subordinate clause after a reporting clause ("…, he said, as …", "…, a-t-il dit, tandis que …"). */
const EN_SUBORDINATORS = new Set(['as', 'while', 'after', 'before', 'because', 'when', 'since', 'although', 'though', 'whereas', 'even', 'amid', 'despite', 'citing', 'according']);
const FR_SUBORDINATORS = new Set(['tandis', 'lorsque', "lorsqu'", 'quand', 'après', 'avant', 'puisque', "puisqu'", 'bien', 'malgré', 'lors', 'comme', 'citant']);
/** Nouns naming where something was said ("dans un communiqué", "in a statement"). */
const CHANNEL_NOUNS = new Set(['communiqué', 'déclaration', 'entretien', 'interview', 'conférence', 'tweet', 'message', 'lettre', 'courriel', 'e-mail', 'email', 'émission', 'statement', 'letter', 'twitter', 'facebook', 'post', 'briefing', 'speech', 'discours', 'réseaux', 'press', 'presse']);
/** Denial verbs whose object noun phrase is what is denied (reported speech of its own). */
const DENY_NP = new Set(['nier', 'démentir', 'réfuter', 'deny', 'refute']);

function isInfinitiveFr(t: Tok | undefined): boolean {
  if (!t) return false;
  if (t.feats) return t.feats.includes('VerbForm=Inf');
  return FR_INF.test(t.low) && !isCap(t);
}

function tokAt(view: TextView, pos: number): Tok | null {
  let lo = 0;
  let hi = view.toks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = view.toks[mid];
    if (t.end <= pos) lo = mid + 1;
    else if (t.start > pos) hi = mid - 1;
    else return t;
  }
  return null;
}

export class Extractor {
  /** Cues per segment that may attribute any quote. */
  readonly cues: Cue[][];
  /** Cues per segment that report only through an explicit "that"/"que" clause (frame 'that'). */
  readonly thatCues: Cue[][];
  readonly quotes: QuoteCand[] = [];
  /** Cues used to attribute a direct quote (they make no indirect quote of their own). */
  private used = new Set<Cue>();
  /** Paragraphs read as transcript turns ("PENCE: Well, look, …"). */
  private transcriptParas = new Set<number>();
  /** Which branch of previousSpeaker found the last speaker (kept in the rule name). */
  private prevKind = '';

  constructor(
    readonly view: TextView,
    readonly lex: QuoteLexicon,
  ) {
    const all = view.segs.map((s) => findCues(view, lex, s));
    this.cues = all.map((cs) => cs.filter((c) => !c.frames.includes('that')));
    this.thatCues = all.map((cs) => cs.filter((c) => c.frames.includes('that')));
  }

  run(): QuoteCand[] {
    this.classifyRegions();
    this.transcriptQuotes();
    this.directQuotes();
    this.indirectQuotes();
    this.quotes.sort((a, b) => a.content.start - b.content.start || a.content.end - b.content.end);
    return this.dedupe();
  }

  // ---------------------------------------------------------------- regions

  private regionBounds(r: Region): { segA: Seg; openIdx: number; segB: Seg; closeIdx: number } | null {
    const o = tokAt(this.view, r.open);
    if (!o) return null;
    const segA = this.view.segs[o.seg];
    let segB: Seg;
    let closeIdx: number;
    if (r.close >= 0) {
      const c = tokAt(this.view, r.close);
      if (!c) return null;
      segB = this.view.segs[c.seg];
      closeIdx = c.i;
    } else {
      const last = tokAt(this.view, r.content.end - 1);
      if (!last) return null;
      segB = this.view.segs[last.seg];
      closeIdx = last.i;
    }
    return { segA, openIdx: o.i, segB, closeIdx };
  }

  private cueStartingAt(seg: Seg, idx: number, maxGap: number): Cue | null {
    for (const c of this.cues[seg.index]) {
      // An apposition between commas may lengthen the subject: "Morton Blackwell, the committeeman from Virginia, told".
      const commas = seg.toks.slice(idx, c.first).filter((t) => t.text === ',').length;
      // A parenthesis inside the subject ("Rep. Gwen Moore (D-Wis.) said") does not count.
      let inParens = 0;
      for (let k = idx, depth = 0; k < c.first && k < seg.toks.length; k++) {
        if (seg.toks[k].text === '(') depth++;
        if (depth > 0) inParens++;
        if (seg.toks[k].text === ')') depth = Math.max(0, depth - 1);
      }
      const gap = (commas >= 2 && commas <= 4 && seg.toks[c.first - 1]?.text === ',' ? maxGap + 10 * (commas - 1) : maxGap) + Math.min(inParens, 8);
      if (c.first < idx || c.first > idx + gap) continue;
      // Only noun-phrase words between the position and the cue.
      let ok = true;
      // A participle inside an apposition ("Scott Pruitt, the attorney general of Oklahoma, one of
      // the states suing the EPA, said"; "Jean Dupont, élu représentant les riverains, a déclaré")
      // belongs to the noun phrase.
      const firstComma = seg.toks.slice(idx, c.first).findIndex((u) => u.text === ',') + idx;
      const participle = (t: Tok) => (t.feats !== null ? /VerbForm=(?:Part|Ger)/.test(t.feats) : this.lex.lang === 'en' ? /^[a-z]{3,}(?:ing|ed)$/.test(t.text) : /^[a-zé]{3,}(?:ant|é|ée|és|ées)$/.test(t.text));
      for (let k = idx; k < c.first; k++) {
        const t = seg.toks[k];
        if (!t.word && t.text !== '-' && t.text !== '.' && t.text !== ',' && t.text !== '(' && t.text !== ')') ok = false;
        const inApposition = commas >= 2 && k > firstComma && k < c.first - 1 && participle(t);
        if (t.word && (this.lex.complementizers.has(t.low) || (isVerbLike(this.lex, t) && !splitInversion(t.low) && !inApposition))) ok = false;
      }
      if (ok) return c;
    }
    return null;
  }

  private classifyRegions(): void {
    for (const r of this.view.regions) {
      const b = this.regionBounds(r);
      if (!b) continue;
      const left = b.segA.toks.slice(0, b.openIdx);
      const right = b.segB.toks.slice(b.closeIdx + 1);
      const lastLeft = left[left.length - 1];
      const firstRight = right[0];
      const contentText = this.view.text.slice(r.content.start, r.content.end);
      const sentenceLike = /[.!?…]["»”’]?$/.test(contentText) || r.paraFirst !== r.paraLast;
      // A quote opening a line (a list of reader comments, one per line) stands on its own too.
      const lineStart = lastLeft !== undefined && this.view.text.slice(lastLeft.end, r.open).includes('\n');
      let leftOk = !lastLeft || lastLeft.text === ':' || DASHES.has(lastLeft.text) || lastLeft.text === '(' || lineStart;
      let leftCue = false;
      if (lastLeft && lastLeft.text === ',') leftOk = true;
      if (lastLeft && !leftOk) {
        const c = this.cues[b.segA.index].find((x) => x.last === b.openIdx - 1 && x.kind === 'verb');
        if (c && (this.lex.lang === 'en' || sentenceLike)) {
          leftOk = true;
          leftCue = true;
        }
      }
      // A cue after the quote: after a comma, or right after a quote that ends with its own punctuation,
      // or (French) an inverted verb right after the closing mark.
      const endsPunct = /[.!?…,]["»”’]?$/.test(contentText);
      let rightCue = false;
      if (firstRight) {
        const at = firstRight.text === ',' ? b.closeIdx + 2 : b.closeIdx + 1;
        const c = this.cueStartingAt(b.segB, at, 6);
        rightCue = c !== null && (firstRight.text === ',' || endsPunct || (c.first === at && c.inverted !== null));
      }
      const rightOk = !firstRight || /^(?:[,.;:!?)…]|\.\.\.)$/.test(firstRight.text) || DASHES.has(firstRight.text) || rightCue;
      let standalone = leftOk && (rightOk || sentenceLike);
      // "a ajouté que, « … »": quoted words inside a content clause.
      const lastWordLeft = [...left].reverse().find((t) => t.text !== ',');
      if (lastWordLeft && this.lex.complementizers.has(lastWordLeft.low)) standalone = false;
      if (standalone && r.words <= 2) {
        // One or two words in quote marks stand alone only as an answer with an attribution.
        const leftEmpty = !lastLeft || lastLeft.text === ':';
        standalone = (leftEmpty || leftCue) && (rightCue || leftCue || lastLeft?.text === ':') && r.words > 0;
      }
      if (standalone && lastLeft && lastLeft.text === ',' && r.words <= 4 && !rightCue) {
        // "les mots « A », « B »": a list of quoted words, not speech.
        const c = this.cues[b.segA.index].find((x) => x.last >= b.openIdx - 4 && x.last < b.openIdx);
        if (!c) standalone = false;
      }
      r.standalone = standalone;
    }
  }

  // ---------------------------------------------------------------- direct quotes

  /**
   * The subject of a cue. `minIdx`: the first token the subject may start at (after a quote that
   * precedes the cue), or -1 when the cue does not follow a quote.
   */
  private speakerOfCue(c: Cue, afterQuote: boolean, minIdx = -1): SpeakerRef | null {
    const seg = c.seg;
    if (c.kind === 'prep') {
      const r = this.sourceAfterPrep(seg, c);
      return r ? { ...rangeSpan(seg, r), how: 'selon' } : null;
    }
    if (c.inverted) return { ...spanOf(c.inverted), how: 'pron' };
    if (c.participle) {
      // "…, Carson said, responding to …": the subject of the finite cue before the participle.
      const prevCue = [...this.cues[seg.index]].reverse().find((x) => x.head < c.first && !x.participle && !x.infinitive && x.kind === 'verb');
      if (prevCue) {
        const sp = this.speakerOfCue(prevCue, false);
        if (sp) return sp;
      }
      const r = clauseSubject(this.lex, seg, c.first);
      return r ? { ...rangeSpan(seg, r), how: 'np' } : null;
    }
    if (c.infinitive) {
      // "je voudrais rappeler que", "a tenu à préciser que": the subject of the verb the infinitive depends on.
      let j = c.first - 1;
      while (j >= 0 && (/^(?:à|de|d'|to|ne|n'|pas|not|also|aussi|encore)$/.test(seg.toks[j].low) || this.lex.clitics.has(seg.toks[j].low))) j--;
      if (j >= 0 && j < c.first - 0 && isVerbLike(this.lex, seg.toks[j], seg.toks[j - 1])) {
        let f = j;
        while (f - 1 >= 0 && (this.lex.auxiliaries.has(seg.toks[f - 1].low) || this.lex.negation.has(seg.toks[f - 1].low))) f--;
        const r = subjectLeftOf(this.lex, seg, f);
        if (r) return { ...rangeSpan(seg, r), how: 'np' };
      }
    }
    const before = seg.toks[c.first - 1];
    const leftBlocked = !before || before.text === ',' || /^[»”"’]$/.test(before.text) || before.text === ':';
    if (!leftBlocked || (before && before.text === ',' && !afterQuote)) {
      const r = subjectLeftOf(this.lex, seg, c.first);
      if (r && r.first >= minIdx) return this.checkedSubject(seg, c, r);
      if (before && before.text === ',') {
        const a = this.subjectBeforeApposition(seg, c.first);
        if (a && a.first >= minIdx) return { ...rangeSpan(seg, a), how: 'np' };
      }
    } else if (before && before.text === ',' && afterQuote && minIdx >= 0 && c.first - 1 > minIdx) {
      // "“…,” Morton Blackwell, the committeeman, told AFP": the subject sits between quote and cue.
      const r = subjectLeftOf(this.lex, seg, c.first);
      // Several appositions ("Scott Pruitt, the attorney general of Oklahoma, one of the states
      // suing the EPA, said"): the phrase rules keep the last one; the name that opens the
      // stretch between the quote and the cue is the speaker.
      if (r && r.first > minIdx && seg.toks[r.first - 1]?.text === ',' && seg.toks[minIdx] && isCap(seg.toks[minIdx])) {
        const head = npEndingAt(this.lex, seg, seg.toks.slice(minIdx, r.first).findIndex((u) => u.text === ',') + minIdx - 1);
        if (head && head.first === minIdx) return this.checkedSubject(seg, c, head);
      }
      if (r && r.first >= minIdx) return this.checkedSubject(seg, c, r);
    }
    // Subject after the verb: "a déclaré le ministre", "said Smith", "a déclaré à l'AFP Sophie Marchal".
    let k = c.last + 1;
    while (k < seg.toks.length && this.lex.fillers.has(seg.toks[k].low)) k++;
    if (seg.toks[k]?.text === ',') k++;
    // "a réagi sur France Inter le secrétaire général": a channel named by a proper name, then the subject.
    if (seg.toks[k] && this.lex.adverbialPrepositions.has(seg.toks[k].low) && !this.lex.addresseePrepositions.has(seg.toks[k].low)) {
      let m = k + 1;
      while (m < seg.toks.length && (isCap(seg.toks[m]) || /^(?:de|du|des|d'|-)$/.test(seg.toks[m].low))) m++;
      if (m > k + 1 && seg.toks[m] && this.lex.determiners.has(seg.toks[m].low)) k = m;
    }
    if (seg.toks[k] && this.lex.addresseePrepositions.has(seg.toks[k].low)) {
      const a = this.addresseeAfter(c);
      if (a.addressee && a.next > k) k = a.next;
    }
    // A phrase opened by a preposition is a complement ("s'inquiètent du coût"), not a subject.
    if (seg.toks[k] && /^(?:du|de|d'|à|au|aux|of|about|for|with|by)$/.test(seg.toks[k].low)) return null;
    const r = npStartingAt(this.lex, seg, k, { stopAt: new Set(['que', "qu'", 'that']) });
    if (r) return { ...rangeSpan(seg, r), how: 'np' };
    return null;
  }

  /** The text rule's subject, or the tree's nsubj when the text rule's is no noun phrase. */
  private checkedSubject(seg: Seg, c: Cue, r: Range): SpeakerRef {
    if (!this.nounLike(seg, r) && this.view.hasTree) {
      const ts = treeSubject(this.view, seg, c);
      if (ts) return { ...ts, how: 'np' };
    }
    return { ...rangeSpan(seg, r), how: 'np' };
  }

  /**
   * A subject the tagger or the text rules can trust: it holds a noun, a name, a pronoun or a
   * number, and is not an adverb ("often", "harshly"), a free relative ("what she") or a phrase
   * cut before an infinitive ("Twitter overnight to").
   */
  private nounLike(seg: Seg, r: Range): boolean {
    const toks = seg.toks.slice(r.first, r.last + 1).filter((t) => t.word);
    if (toks.length === 0) return false;
    if (/^(?:what|whatever|ce)$/.test(toks[0].low) || /^(?:to|à|de)$/.test(toks[toks.length - 1].low)) return false;
    if (!toks.some((t) => t.upos !== null)) return true;
    return toks.some((t) => t.upos === 'NOUN' || t.upos === 'PROPN' || t.upos === 'PRON' || t.upos === 'NUM' || isCap(t) || this.lex.roleNouns.has(t.low) || this.lex.subjectPronouns.has(t.low));
  }

  /**
   * "David Kamin, an outside adviser to the campaign … at New York University School of Law, said":
   * the phrase opening the clause, when everything from its comma to the comma before the cue is
   * an apposition (no verb, or a relative clause opened by "who"/"qui").
   */
  private subjectBeforeApposition(seg: Seg, cueFirst: number): Range | null {
    const toks = seg.toks;
    const r = clauseSubject(this.lex, seg, cueFirst);
    if (!r || toks[r.last + 1]?.text !== ',' || r.last + 2 >= cueFirst - 1 || cueFirst - r.last > 45) return null;
    const inner = toks.slice(r.last + 2, cueFirst - 1);
    const relative = inner[0] !== undefined && /^(?:who|qui)$/.test(inner[0].low);
    if (!relative && inner.some((t, n) => isVerbLike(this.lex, t, inner[n - 1]) || this.lex.complementizers.has(t.low) || OPEN_MARKS.test(t.text))) return null;
    if (!this.personLike(seg, r) && !relative) return null;
    return r;
  }

  private directQuotes(): void {
    // Quote marks that open transcript turns were read turn by turn (transcriptQuotes).
    const regions = this.view.regions.filter((r) => r.standalone && !this.transcriptParas.has(this.paraOf(r.content.start)));
    for (let n = 0; n < regions.length; n++) {
      const r = regions[n];
      const b = this.regionBounds(r)!;
      let cue: Cue | null = null;
      let speaker: SpeakerRef | null = null;
      let rule = 'direct';
      let addressee: Span | null = null;
      // (A) after the quote: "», a-t-elle dit", "," said Smith", "– Jean Dupont".
      let k = b.closeIdx + 1;
      const segB = b.segB;
      if (segB.toks[k]?.text === ',') k++;
      // The dash may open the next segment when the quote ends its sentence ("… shame.” ― Sonya Herridge").
      const nextSeg = this.view.segs[segB.index + 1];
      const dashSeg = !segB.toks[k] && nextSeg && nextSeg.para === segB.para ? nextSeg : segB;
      const d = dashSeg === segB ? k : 0;
      if (dashSeg.toks[d] && DASHES.has(dashSeg.toks[d].text) && dashSeg.toks[d + 1] && isCap(dashSeg.toks[d + 1])) {
        const np = npStartingAt(this.lex, dashSeg, d + 1);
        if (np) {
          speaker = { ...rangeSpan(dashSeg, np), how: 'dash' };
          rule = 'direct:dash';
        }
      }
      if (!speaker) {
        const c = this.cueStartingAt(segB, k, 6);
        // "“…” and said that …" is a second predicate, not the attribution of the quote.
        const coordinated = c !== null && segB.toks.slice(k, c.first).some((u) => this.lex.coordinators.has(u.low) || this.lex.complementizers.has(u.low));
        if (c && !coordinated && !c.negated && !this.used.has(c)) {
          cue = c;
          speaker = this.speakerOfCue(c, true, k);
          addressee = this.addresseeAfter(c).addressee;
          rule = 'direct:after';
        }
      }
      // (A') a cue inserted inside the quote between commas: "« …, a-t-elle dit, … »", "“…, he said, …”".
      if (!cue && !speaker) {
        const inner = this.insertedCue(r);
        if (inner) {
          cue = inner.cue;
          speaker = inner.speaker;
          rule = 'direct:inserted';
        }
      }
      // (B) before the quote: "X a déclaré :", "Selon lui, «", "He said, “".
      if (!cue && !speaker) {
        const segA = b.segA;
        let j = b.openIdx - 1;
        if (segA.toks[j] && (segA.toks[j].text === ':' || segA.toks[j].text === ',')) j--;
        const cands = this.cues[segA.index].filter((c) => c.last <= j && c.last >= j - 8 && !c.negated);
        const c = cands[cands.length - 1];
        if (c && this.onlyFillersBetween(segA, c.last + 1, j) && !this.used.has(c)) {
          cue = c;
          speaker = this.speakerOfCue(c, false);
          addressee = this.addresseeAfter(c).addressee;
          rule = 'direct:before';
        } else if (segA.toks[b.openIdx - 1]?.text === ':' && b.openIdx - 1 > 0 && b.openIdx - 1 <= 7) {
          // "Jean Dupont : « ... »"
          const np = npEndingAt(this.lex, segA, b.openIdx - 2, 7);
          if (np && np.first === clauseStart(this.lex, segA, 0) && this.personLike(segA, np)) {
            speaker = { ...rangeSpan(segA, np), how: 'line' };
            rule = 'direct:colon';
          }
        }
      }
      // (C) attribution line ending with ':' in the previous paragraph.
      if (!cue && !speaker && b.openIdx === 0 && b.segA.index > 0) {
        const prev = this.view.segs[b.segA.index - 1];
        const lastTok = prev.toks[prev.toks.length - 1];
        if (lastTok && lastTok.text === ':') {
          const cands = this.cues[prev.index].filter((c) => !c.negated && !this.used.has(c));
          const c = cands[cands.length - 1];
          if (c && this.onlyFillersBetween(prev, c.last + 1, prev.toks.length - 2)) {
            cue = c;
            speaker = this.speakerOfCue(c, false);
            rule = 'direct:line';
          } else {
            const np = npEndingAt(this.lex, prev, prev.toks.length - 2, 8);
            if (np && np.first === 0 && this.personLike(prev, np)) {
              speaker = { ...rangeSpan(prev, np), how: 'line' };
              rule = 'direct:line';
            }
          }
        }
      }
      // (D) a dash line after the quote's paragraph: "— Jean Dupont".
      if (!cue && !speaker && b.closeIdx >= b.segB.toks.length - 2) {
        const next = this.view.segs[b.segB.index + 1];
        if (next && next.para !== b.segB.para && next.toks.length <= 10 && DASHES.has(next.toks[0].text)) {
          const np = npStartingAt(this.lex, next, 1);
          if (np) {
            speaker = { ...rangeSpan(next, np), how: 'dash' };
            rule = 'direct:dashline';
          }
        }
      }
      // (E0) the next sentence of the same speaker, right after the attribution: "“A,” he said.
      // “B.”" is one quotation (news annotation, PolNeAR's and the Gender Gap Tracker's 30 %
      // rule alike, takes it whole): the previous quote grows to cover it.
      if (!cue && !speaker && this.continueQuote(r, b.segA)) continue;
      // (E) the speaker of the previous sentence.
      if (!cue && !speaker) {
        const prevQuote = this.previousSpeaker(b.segA);
        if (prevQuote) {
          speaker = prevQuote;
          rule = `direct:previous-${this.prevKind}`;
        }
      }
      if (cue) this.used.add(cue);
      let content: Span = { ...r.content };
      let lastRegion = r;
      // English inserted cue: "Part one," he said, "part two." → one quote.
      const r2 = regions[n + 1];
      if (cue && r2 && rule === 'direct:after') {
        const b2 = this.regionBounds(r2);
        if (b2 && b2.segA === segB && cue.seg === segB) {
          const between = this.view.text.slice(this.endOfCueClause(cue, speaker), r2.open);
          if (/^[\s,;:]*$/.test(between)) {
            content = { start: r.content.start, end: r2.content.end };
            lastRegion = r2;
            n++;
          }
        }
      }
      content = trimContent(this.view.text, content);
      if (content.end <= content.start) continue;
      this.quotes.push({ type: 'direct', content, cue, speaker, addressee, object: null, seg: b.segA.index, rule, region: r.index });
      void lastRegion;
    }
  }

  private paraOf(pos: number): number {
    return this.view.paras.findIndex((p) => p.start <= pos && pos < p.end);
  }

  /**
   * An interview transcript: paragraphs that open (after an optional quote mark) with a speaker
   * label in capitals and a colon ("PENCE: Well, look, …", "WALLACE: …", "LE MINISTRE : …"). Each
   * turn is a direct quote of its speaker. At least two such paragraphs are needed, so that a
   * lone "NOTE:" or "WASHINGTON:" is no speaker; the labels of COLON_LABELS never are.
   */
  private transcriptQuotes(): void {
    const turns: { para: number; label: Span; content: Span }[] = [];
    const label = /^[\s"“«]*((?:\p{Lu}[\p{Lu}'’.-]*)(?: \p{Lu}[\p{Lu}'’.-]*){0,3})\s?:\s+(?=\S)/u;
    this.view.paras.forEach((p, i) => {
      const text = this.view.text.slice(p.start, p.end);
      const m = label.exec(text);
      if (!m || m[1].replace(/[^\p{Lu}]/gu, '').length < 2 || COLON_LABELS.has(m[1].toLowerCase())) return;
      const start = p.start + m.index + m[0].length;
      const lStart = p.start + text.indexOf(m[1]);
      let end = p.end;
      // The closing mark of a turn quoted as a whole, and trailing spaces, are not content.
      while (end > start && /[\s"”»]/.test(this.view.text[end - 1])) end--;
      if (end - start < 2) return;
      turns.push({ para: i, label: { start: lStart, end: lStart + m[1].length }, content: { start, end } });
    });
    if (turns.length < 2) return;
    for (const t of turns) {
      const segIdx = this.view.segs.findIndex((sg) => sg.end > t.content.start);
      this.transcriptParas.add(t.para);
      this.quotes.push({ type: 'direct', content: trimContent(this.view.text, t.content), cue: null, speaker: { ...t.label, how: 'line' }, addressee: null, object: null, seg: Math.max(0, segIdx), rule: 'direct:transcript', region: -1 });
    }
  }

  /**
   * Extends the last direct quote over region `r` when `r` opens the sentence right after that
   * quote's attribution, in the same paragraph, with nothing between but the attribution clause.
   */
  private continueQuote(r: Region, segA: Seg): boolean {
    const prev = this.quotes[this.quotes.length - 1];
    if (!prev || prev.type !== 'direct' || !prev.cue || prev.region < 0) return false;
    // A further quoted sentence right after the quote (already grown or not): “A,” he said. “B.” “C.”
    const para = this.view.paras[segA.para];
    if (prev.content.end <= r.open && prev.content.start >= para.start && /^[\s"”“».]*$/.test(this.view.text.slice(prev.content.end, r.open)) && segA.toks[0]?.start === r.open) {
      prev.content = trimContent(this.view.text, { start: prev.content.start, end: r.content.end });
      return true;
    }
    const first = segA.toks[0];
    if (!first || first.start !== r.open || segA.index !== prev.cue.seg.index + 1 || segA.para !== prev.cue.seg.para) return false;
    const prevRegion = this.view.regions[prev.region];
    if (prevRegion.close < 0 || prev.cue.seg.toks[0].start > prevRegion.open) return false;
    // Between the two: only the rest of the attribution sentence ("he said", "said Jane Doe, an
    // economist who …"), no other quotation.
    const between = this.view.text.slice(prevRegion.close + 1, r.open);
    if (/[«»“”"]/.test(between) || this.view.regions.some((x) => x.open > prevRegion.close && x.open < r.open)) return false;
    prev.content = trimContent(this.view.text, { start: prev.content.start, end: r.content.end });
    return true;
  }

  /**
   * A reporting clause written inside a quote, between commas: "…, a-t-elle dit, …", "…, a
   * déclaré le ministre, …", "…, he said, …". The quote keeps its whole span (the clause included,
   * as contiguous annotation does); the clause gives its cue and speaker.
   */
  private insertedCue(r: Region): { cue: Cue; speaker: SpeakerRef } | null {
    for (const seg of this.view.segs) {
      if (seg.end <= r.content.start || seg.start >= r.content.end) continue;
      for (const c of this.cues[seg.index]) {
        const toks = seg.toks;
        if (c.kind !== 'verb' || c.negated || c.infinitive || c.participle || this.used.has(c)) continue;
        if (toks[c.first].start <= r.content.start || toks[c.last].end >= r.content.end) continue;
        let left = c.first - 1;
        // English puts the pronoun first: ", he said,".
        const pronounFirst = toks[left] !== undefined && this.lex.lang === 'en' && this.lex.subjectPronouns.has(toks[left].low);
        if (pronounFirst) left--;
        if (toks[left]?.text !== ',' || left < 1) continue;
        const speaker = pronounFirst ? { start: toks[c.first - 1].start, end: toks[c.first - 1].end, how: 'pron' as const } : this.speakerOfCue(c, true, c.first);
        if (!speaker) continue;
        if (!c.inverted && !pronounFirst && speaker.start < toks[c.last].end) continue;
        const after = this.view.text.slice(Math.max(toks[c.last].end, speaker.end), r.content.end);
        // Followed by a comma and the rest of the sentence, or by a full stop and the next one
        // ("« Nous ne pouvons plus attendre, insiste-t-elle. Les voyageurs méritent mieux. »").
        if (!/^\s*,\s*\S/.test(after) && !(c.inverted && /^\s*\.\s+\p{Lu}/u.test(after))) continue;
        return { cue: c, speaker };
      }
    }
    return null;
  }

  private endOfCueClause(cue: Cue, speaker: SpeakerRef | null): number {
    let end = cue.seg.toks[cue.last].end;
    if (speaker && speaker.end > end) end = speaker.end;
    const seg = cue.seg;
    // Fillers and addressee after the cue ("he told reporters").
    const a = this.addresseeAfter(cue);
    if (a.next > cue.last + 1) end = Math.max(end, seg.toks[a.next - 1].end);
    return end;
  }

  private onlyFillersBetween(seg: Seg, from: number, to: number): boolean {
    for (let k = from; k <= to; k++) {
      const t = seg.toks[k];
      if (!t) return false;
      if (t.text === ',' || t.text === ':') continue;
      if (!t.word) return false;
      if (this.lex.complementizers.has(t.low)) return false;
      if (isVerbLike(this.lex, t)) return false;
    }
    return to - from < 9;
  }

  private personLike(seg: Seg, r: Range): boolean {
    for (let k = r.first; k <= r.last; k++) {
      const t = seg.toks[k];
      if (isCap(t) || this.lex.roleNouns.has(t.low) || this.lex.subjectPronouns.has(t.low)) return true;
    }
    return false;
  }

  /** Speaker of a quote in the previous segment (same or previous paragraph), or the subject of that segment. */
  private previousSpeaker(seg: Seg): SpeakerRef | null {
    const prev = this.view.segs[seg.index - 1];
    if (!prev || seg.para - prev.para > 1) return null;
    for (let q = this.quotes.length - 1; q >= 0; q--) {
      const quote = this.quotes[q];
      if (quote.seg < prev.index - 0) break;
      if (quote.speaker) {
        this.prevKind = 'quote';
        return { start: quote.speaker.start, end: quote.speaker.end, how: 'prev' };
      }
    }
    // A cue in the previous sentence with a subject and no content of its own: "Jean Dupont a réagi."
    for (const c of this.cues[prev.index]) {
      if (c.negated || c.kind !== 'verb') continue;
      // Only a cue that ends its sentence (after its addressee or adverbs) has no content of its
      // own: "Republicans said the findings raised …" is a quote, not an attribution line.
      const after = prev.toks[this.addresseeAfter(c).next];
      if (after && !/^[.:!?…]$/.test(after.text)) continue;
      const s = this.speakerOfCue(c, false);
      if (s) {
        this.used.add(c);
        this.prevKind = 'cue';
        return { start: s.start, end: s.end, how: 'prev' };
      }
    }
    // The last speaker quoted a little earlier (same or previous paragraph, a few sentences back):
    // a quote with no attribution of its own goes on that speaker's words far more often than it
    // belongs to whoever is the subject of the sentence before (PolNeAR dev: the subject was
    // wrong 6 times out of 7).
    for (let q = this.quotes.length - 1; q >= 0; q--) {
      const quote = this.quotes[q];
      const qs = this.view.segs[quote.seg];
      if (quote.seg < seg.index - 4 || seg.para - qs.para > 1) break;
      if (quote.speaker && quote.seg < seg.index) {
        this.prevKind = 'recent';
        return { start: quote.speaker.start, end: quote.speaker.end, how: 'prev' };
      }
    }
    // A named subject at the start of the previous sentence.
    const subj = clauseSubject(this.lex, prev, prev.toks.length);
    if (subj) {
      const first = prev.toks[subj.first];
      const isPron = subj.first === subj.last && this.lex.subjectPronouns.has(first.low);
      let named = false;
      for (let k = subj.first; k <= subj.last; k++) if (isCap(prev.toks[k]) && (k > 0 || subj.last > subj.first)) named = true;
      const after = prev.toks[subj.last + 1];
      if ((isPron || named) && after && isVerbLike(this.lex, after)) {
        this.prevKind = 'subject';
        return { ...rangeSpan(prev, subj), how: 'prev' };
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- indirect quotes

  /** Skips what may sit between a cue and its content: fillers, addressee, adverbial phrases. */
  private addresseeAfter(c: Cue): { next: number; addressee: Span | null; object: Span | null } {
    const seg = c.seg;
    const toks = seg.toks;
    let k = c.last + 1;
    let addressee: Span | null = null;
    let object: Span | null = null;
    // A wh-word ends the addressee: "a expliqué aux élus | pourquoi …", "told Marlow | how …".
    const stop = new Set(['que', "qu'", 'that', 'de', "d'", 'to', ',', ...WH_WORDS]);
    for (let guard = 0; guard < 8 && k < toks.length; guard++) {
      const t = toks[k];
      const multi = multiwordFiller(this.lex, toks, k);
      if (multi > 0) {
        k += multi;
        continue;
      }
      if (this.lex.fillers.has(t.low) || t.text === ',') {
        k++;
        continue;
      }
      if (this.lex.addresseePrepositions.has(t.low) && toks[k + 1] && !(this.lex.lang === 'en' && !isCap(toks[k + 1]) && /^(?:be|have|do|make|take|stop|end|go|help)$/.test(toks[k + 1].low))) {
        if (this.lex.lang === 'fr' && t.low === 'à' && isInfinitiveFr(toks[k + 1])) break; // "appeler à manifester"
        if (this.lex.lang === 'en' && t.low === 'to' && !isCap(toks[k + 1]) && !/^(?:the|reporters|journalists|him|her|them|me|us|a|an|his|their|cnn|fox|nbc|abc|cbs|msnbc|supporters|voters|the)$/.test(toks[k + 1].low)) break;
        const np = npStartingAt(this.lex, seg, k + 1, { stopAt: stop });
        if (!np) break;
        // "à l'AFP Sophie Marchal": the addressee ends where a name of two words begins.
        for (let j = np.first + 1; j < np.last; j++) {
          if (isCap(toks[j]) && isCap(toks[j - 1]) && isCap(toks[j + 1])) {
            np.last = j - 1;
            break;
          }
        }
        addressee = rangeSpan(seg, np);
        k = np.last + 1;
        continue;
      }
      if (this.lex.adverbialPrepositions.has(t.low) && !this.lex.addresseePrepositions.has(t.low)) {
        const np = npStartingAt(this.lex, seg, k + 1, { stopAt: stop, max: 8 });
        if (!np) break;
        k = np.last + 1;
        continue;
      }
      break;
    }
    // Object of verbs like "tell", "informer", "accuser": "told reporters that", "accuse Moscou de".
    const verbsWithObject = this.lex.lang === 'fr' ? FR_OBJECT_VERBS : EN_OBJECT_VERBS;
    if (verbsWithObject.has(c.lemma) && toks[k] && !this.lex.complementizers.has(toks[k].low) && !WH_WORDS.has(toks[k].low) && toks[k].word) {
      const np = npStartingAt(this.lex, seg, k, { stopAt: stop, max: 8 });
      // An accusation's object is its target only when "de"/"of"/"for" follows; otherwise it is the content.
      const follow = np ? toks[np.last + 1] : undefined;
      if (np && (c.cls !== 'accuse' || (follow && /^(?:de|d'|of|for)$/.test(follow.low)))) {
        const span = rangeSpan(seg, np);
        if (c.cls === 'accuse') object = span;
        else if (!addressee) addressee = span;
        k = np.last + 1;
        while (toks[k] && (this.lex.fillers.has(toks[k].low) || toks[k].text === ',')) k++;
        // A place or time after the object: "told his supporters | at a Michigan rally | to …".
        for (let guard = 0; guard < 3 && toks[k] && this.lex.adverbialPrepositions.has(toks[k].low) && !this.lex.addresseePrepositions.has(toks[k].low); guard++) {
          const pp = npStartingAt(this.lex, seg, k + 1, { stopAt: stop, max: 8 });
          if (!pp) break;
          k = pp.last + 1;
        }
      }
    }
    return { next: k, addressee, object };
  }

  /** Where the content clause that starts at token `s` ends (exclusive offset). */
  private clauseEnd(seg: Seg, s: number, c: Cue | null): number {
    const toks = seg.toks;
    const compound = c !== null && c.first < c.head;
    let k = s;
    let lastIn = s - 1;
    for (; k < toks.length; k++) {
      const t = toks[k];
      if (t.text === ';') break;
      if (t.region >= 0 && this.view.regions[t.region].standalone && k > s + 1 && t.region !== toks[s].region) {
        // A direct quote further on has its own attribution.
        const r = this.view.regions[t.region];
        if (this.quotes.some((q) => q.region === r.index)) break;
      }
      if (t.text === ',' || (t.word && this.lex.coordinators.has(t.low))) {
        const nextCue = this.cueStartingAt(seg, k + 1, 5);
        if (nextCue && nextCue !== c) break;
        if (t.word && this.lex.lang === 'fr' && compound && t.low === 'et') {
          // "... et a appelé à": a second predicate of the main clause.
          const a = toks[k + 1];
          const v = toks[k + 2];
          if (a && /^(?:a|ont|avait|avaient|est|sont|aurait|auraient)$/.test(a.low) && v && v.word && /(?:é|i|u|is|it|t)$/.test(v.low)) break;
        }
      }
      lastIn = k;
    }
    // Trailing punctuation is not content; a closing mark whose opening mark is in the content is.
    let e = lastIn;
    while (e >= s) {
      const t = toks[e];
      if (END_PUNCT.test(t.text)) {
        e--;
        continue;
      }
      if (CLOSE_MARKS.test(t.text)) {
        const openedInside = this.view.regions.some((r) => r.close === t.start && r.open >= toks[s].start);
        if (!openedInside) {
          e--;
          continue;
        }
      }
      break;
    }
    return e >= s ? toks[e].end : toks[s].start;
  }

  private subjectBefore(seg: Seg, from: number, c: Cue): boolean {
    for (let k = from; k < c.first; k++) if (seg.toks[k].word) return true;
    return false;
  }

  /** "Lynch: No outside influence on FBI probe" / "Macron : la France ne cédera pas". */
  private colonQuote(seg: Seg): void {
    const toks = seg.toks;
    const colon = toks.findIndex((t) => t.text === ':');
    if (colon < 1 || colon > 6 || colon >= toks.length - 3) return;
    const np = npEndingAt(this.lex, seg, colon - 1, 6);
    if (!np || np.first !== 0) return;
    for (let k = 0; k < colon; k++) {
      const t = toks[k];
      if (/\d/.test(t.text) || (t.word && !isCap(t) && !this.lex.npPrepositions.has(t.low) && !this.lex.determiners.has(t.low) && !this.lex.roleNouns.has(t.low))) return;
    }
    if (COLON_LABELS.has(toks[0].low)) return;
    if (toks[colon + 1].region >= 0) return; // a direct quote: handled with the quote marks
    const words = toks.slice(colon + 1).filter((t) => t.word).length;
    if (words < 3) return;
    if (this.quotes.some((q) => q.seg === seg.index)) return;
    const e = this.clauseEnd(seg, colon + 1, null);
    this.push(seg, null, toks[colon + 1].start, e, { ...rangeSpan(seg, np), how: 'line' }, null, null, 'indirect:colon');
  }

  private indirectQuotes(): void {
    for (const seg of this.view.segs) this.colonQuote(seg);
    for (const seg of this.view.segs) {
      const eligible = [...this.cues[seg.index], ...this.thatCues[seg.index]].filter((c) => !c.negated && !c.passive && !this.used.has(c) && seg.toks[c.head].region < 0).sort((a, b) => a.head - b.head);
      // A sentence that ends with its attribution ("…, Jen Psaki a déclaré aux journalistes.") is
      // one quote: the verbs before the comma are part of its content.
      // The attribution is the rightmost verb cue that works as one: a cue-like word after it
      // ("…, lawmakers said Friday, as they bristled at the continued questions") is no attribution.
      let skipBefore = -1;
      const verbs = eligible.filter((c) => c.kind === 'verb' && !c.frames.includes('that'));
      for (let n = verbs.length - 1; n >= Math.max(0, verbs.length - 3); n--) {
        if (this.reversedQuote(seg, verbs[n])) {
          this.used.add(verbs[n]);
          skipBefore = verbs[n].first;
          break;
        }
      }
      for (const c of eligible) {
        if (this.used.has(c) || c.head < skipBefore) continue;
        if (c.kind === 'prep') this.selonQuote(seg, c);
        else this.verbQuote(seg, c);
      }
      this.nounQuotes(seg);
    }
  }

  /**
   * A speech noun with its owner and a content clause: "his claim that …", "Trump's insistence
   * that …", "the allegation by X that …", "l'affirmation du ministre selon laquelle …", "son
   * affirmation que …". Without an owner the clause is nobody's quote and is left out; without
   * the clause ("his claim", "l'annonce de X") nothing was quoted.
   */
  private nounQuotes(seg: Seg): void {
    const toks = seg.toks;
    const nouns = this.lex.lang === 'en' ? EN_SPEECH_NOUNS : FR_SPEECH_NOUNS;
    const possessives = this.lex.lang === 'en' ? EN_POSSESSIVES : FR_POSSESSIVES;
    for (let i = 1; i < toks.length - 2; i++) {
      const t = toks[i];
      if (!t.word || t.region >= 0 || (t.upos !== null && t.upos !== 'NOUN')) continue;
      const cls = nouns.get(t.low) ?? (t.low.endsWith('s') ? nouns.get(t.low.slice(0, -1)) : undefined);
      if (!cls) continue;
      // The owner before the noun (one or two adjectives may sit between: "his repeated claim").
      let b = i - 1;
      while (b > 0 && i - b <= 2 && toks[b].upos === 'ADJ') b--;
      let speaker: SpeakerRef | null = null;
      if (possessives.has(toks[b].low)) speaker = { start: toks[b].start, end: toks[b].end, how: 'pron' };
      else if (this.lex.lang === 'en' && (toks[b].low === "'s" || toks[b].low === '’s') && b >= 1) {
        const np = npEndingAt(this.lex, seg, b - 1);
        if (np) speaker = { ...rangeSpan(seg, np), how: 'np' };
      }
      // The owner after the noun: "the claim by X that", "l'affirmation du ministre que".
      let k = i + 1;
      const ownerPreps = this.lex.lang === 'en' ? /^(?:by|from)$/ : /^(?:de|du|des|d')$/;
      if (!speaker && ownerPreps.test(toks[k].low)) {
        const np = npStartingAt(this.lex, seg, k + 1, { stopAt: new Set([',', 'that', 'que', "qu'", 'selon']), max: 8 });
        const words = np ? toks.slice(np.first, np.last + 1).filter((u) => u.word) : [];
        // A person or body: a name or a role noun ("du ministre"), not "des faits".
        if (np && words.some((u) => isCap(u) || this.lex.roleNouns.has(u.low))) {
          speaker = { ...rangeSpan(seg, np), how: 'np' };
          k = np.last + 1;
        }
      }
      if (!speaker) continue;
      // The content clause: "that"/"que" (not a relative: "the claim that was made") or "selon laquelle".
      let cs = -1;
      if (this.lex.complementizers.has(toks[k]?.low ?? '') && toks[k + 1]?.word && !isVerbLike(this.lex, toks[k + 1])) cs = k + 1;
      else if (this.lex.lang === 'fr' && toks[k]?.low === 'selon' && /^(?:laquelle|lequel|lesquelles|lesquels)$/.test(toks[k + 1]?.low ?? '')) cs = k + 2;
      if (cs < 0 || cs >= toks.length) continue;
      const cue: Cue = { seg, head: i, first: i, last: i, lemma: t.low, cls, frames: [], kind: 'noun', participle: false, infinitive: false, negated: false, passive: false, inverted: null };
      let e = this.clauseEnd(seg, cs, cue);
      // The clause often sits in the subject ("His claim that X was rejected"): the tree tells where it ends.
      const tc = this.view.hasTree ? treeContent(this.view, seg, cue) : null;
      if (tc && tc.end > toks[cs].start) e = Math.min(e, Math.max(tc.end, toks[cs].end));
      // Parsers often hang the sentence's own verb inside that clause: when the noun is in the
      // subject (no verb before it), a second verb group after the clause's first one, with no
      // conjunction, relative or comma before it, is the sentence's verb, and the content ends
      // there ("His claim that X was rigged | was rejected", "…selon laquelle la réforme est
      // financée | a été contestée").
      if (!toks.slice(0, i).some((u, n) => u.low !== "'s" && u.low !== '’s' && isVerbLike(this.lex, u, toks[n - 1]))) {
        let m = cs;
        while (m < toks.length && !isVerbLike(this.lex, toks[m], toks[m - 1])) m++;
        // The first verb group: auxiliaries and negation, then one verb.
        while (m < toks.length && (toks[m].upos === 'AUX' || this.lex.auxiliaries.has(toks[m].low) || this.lex.negation.has(toks[m].low))) m++;
        if (m < toks.length && isVerbLike(this.lex, toks[m], toks[m - 1])) m++;
        for (; m < toks.length && toks[m].start < e; m++) {
          const u = toks[m];
          const p = toks[m - 1];
          if (!u.word || u.upos === 'ADJ') {
            if (u.text === ',' || u.text === ';') break;
            continue;
          }
          if (this.lex.complementizers.has(u.low) || this.lex.relatives.has(u.low) || this.lex.coordinators.has(u.low) || u.low === 'to') break;
          if (isVerbLike(this.lex, u, p) && !(u.feats !== null && /VerbForm=(?:Ger|Inf)/.test(u.feats))) {
            e = p.end;
            break;
          }
        }
      }
      this.push(seg, cue, toks[cs].start, e, speaker, null, null, 'indirect:noun');
    }
  }

  private push(seg: Seg, c: Cue | null, s: number, e: number, speaker: SpeakerRef | null, addressee: Span | null, object: Span | null, rule: string): boolean {
    if (e <= s) return false;
    let content = trimContent(this.view.text, { start: s, end: e });
    if (content.end <= content.start) return false;
    // A content that is exactly a direct quote is that direct quote.
    const inRegions = this.view.regions.filter((r) => r.content.start < content.end && r.content.end > content.start);
    const exactly = inRegions.find((r) => r.standalone && r.open <= content.start && (r.close < 0 ? r.content.end : r.close + 1) >= content.end);
    if (exactly) return false;
    // Drop a quote mark left open at the start when its pair is outside.
    const startTok = tokAt(this.view, content.start);
    if (startTok && OPEN_MARKS.test(startTok.text) && !inRegions.some((r) => r.open === startTok.start && r.close >= 0 && r.close < content.end)) {
      content = trimContent(this.view.text, { start: startTok.end, end: content.end });
    }
    const words = toksIn(this.view, content).filter((t) => t.word).length;
    let type: QuoteCand['type'] = inRegions.length > 0 ? 'mixed' : 'indirect';
    // Speech without quote marks before its cue ("Je ne sais pas, répond-il") is direct speech.
    if (type === 'indirect' && (rule === 'indirect:reversed' || rule === 'indirect:inserted') && toksIn(this.view, content).some((t) => FIRST_PERSON.has(t.low))) type = 'direct';
    // One quoted word after a cue ("s'est dite « préoccupée »") is the speaker's word.
    if (words < 2 && !(type === 'mixed' && words === 1)) return false;
    this.quotes.push({ type, content, cue: c, speaker, addressee, object, seg: seg.index, rule, region: -1 });
    return true;
  }

  /**
   * The source after "selon", "d'après", "according to": a noun phrase, or (when a tagging error
   * breaks the phrase: "according to exit/VERB polls") the words up to the next comma or the end.
   */
  private sourceAfterPrep(seg: Seg, c: Cue): Range | null {
    const np = npStartingAt(this.lex, seg, c.last + 1, { stopAt: new Set([',']) });
    if (np) return np;
    const toks = seg.toks;
    let k = c.last + 1;
    while (k < toks.length && k - c.last <= 8 && toks[k].word && !this.lex.complementizers.has(toks[k].low) && !this.lex.relatives.has(toks[k].low)) k++;
    if (k === c.last + 1 || (k < toks.length && toks[k].text !== ',' && !END_PUNCT.test(toks[k].text))) return null;
    return { first: c.last + 1, last: k - 1 };
  }

  /**
   * The closing comma of an apposition after a name ("According to John Smith, a lawyer for the
   * family, the case …", "Selon Jean Dupond, avocat de la famille, le dossier …"), or -1. `nameLast`
   * is the name's last token, `k` the token after its comma. The apposition holds no verb, and
   * a clause (not a relative) follows it: otherwise the words after the comma are the content.
   */
  private appositionAfterName(seg: Seg, nameLast: number, k: number): number {
    const toks = seg.toks;
    if (!toks[nameLast] || !isCap(toks[nameLast]) || !toks[k]?.word) return -1;
    const first = toks[k];
    const dets = this.lex.lang === 'en' ? /^(?:a|an|the)$/ : /^(?:le|la|l'|les|un|une)$/;
    const opens = dets.test(first.low) || this.lex.roleNouns.has(first.low) || (this.lex.lang === 'fr' && !isCap(first) && (first.upos === 'NOUN' || first.upos === null) && !this.lex.stops.has(first.low));
    if (!opens) return -1;
    for (let m = k; m < Math.min(toks.length, k + 12); m++) {
      const u = toks[m];
      if (u.text === ',') {
        const next = toks[m + 1];
        if (m === k || !next || !next.word || this.lex.relatives.has(next.low) || this.lex.coordinators.has(next.low) || isVerbLike(this.lex, next, u)) return -1;
        // What follows is a clause: a verb before the end of the sentence.
        const rest = toks.slice(m + 2);
        return rest.some((v, n) => isVerbLike(this.lex, v, toks[m + 1 + n])) ? m : -1;
      }
      if (!u.word && u.text !== '-' && u.text !== '.' && u.text !== '(' && u.text !== ')') return -1;
      if (u.word && (this.lex.complementizers.has(u.low) || this.lex.relatives.has(u.low) || isVerbLike(this.lex, u, toks[m - 1]))) return -1;
    }
    return -1;
  }

  private selonQuote(seg: Seg, c: Cue): void {
    const toks = seg.toks;
    const np = this.sourceAfterPrep(seg, c);
    if (!np) return;
    const speaker: SpeakerRef = { ...rangeSpan(seg, np), how: 'selon' };
    const start = clauseStart(this.lex, seg, 0);
    if (c.first <= start) {
      // "Selon X, CONTENT." — X may end with a participle phrase: "selon un sondage Ifop publié dimanche,".
      let k = np.last + 1;
      for (let m = k; toks[k]?.text !== ',' && m < Math.min(toks.length, np.last + 7); m++) {
        const u = toks[m];
        if (u.text === ',') k = m;
        else if (!u.word || this.lex.complementizers.has(u.low) || this.lex.relatives.has(u.low) || (isVerbLike(this.lex, u, toks[m - 1]) && !/(?:é|ée|és|ées|ed)$/.test(u.low))) break;
      }
      if (toks[k]?.text !== ',') return;
      speaker.end = toks[k - 1].end;
      k++;
      const app = this.appositionAfterName(seg, k - 2, k);
      if (app > 0) k = app + 1;
      const e = this.clauseEnd(seg, k, c);
      this.push(seg, c, toks[k]?.start ?? seg.end, e, speaker, null, null, 'indirect:selon');
    } else if (toks[c.first - 1]?.text === ',' || (toks[c.first - 1] && DASHES.has(toks[c.first - 1].text) && c.first >= 3)) {
      // "CONTENT, selon X." / "CONTENT — according to X."
      // The source may go on to the end of the sentence without a verb of its own ("according to
      // a poll released last week", "according to Craig Bryan, head of the center").
      const after = toks[np.last + 1];
      if (after && !END_PUNCT.test(after.text)) {
        const rest = toks.slice(np.last + 1);
        const end = rest.findIndex((u) => /^[.!?;]$/.test(u.text));
        const tail = end < 0 ? rest : rest.slice(0, end);
        // An apposition may be long ("an analysis by Lily Batchelder, a former Democratic tax aide
        // now teaching at New York University"); a finite verb (not in a name: "Alliance to
        // Reclaim Our Schools") or a "that" starts a clause of its own.
        if (tail.length > 20 || tail.some((u) => u.word && (this.lex.complementizers.has(u.low) || (isVerbLike(this.lex, u) && !isCap(u) && !/(?:ed|ing|é|ée|és|ées|ant)$/.test(u.low))))) return;
      }
      this.push(seg, c, toks[start].start, toks[c.first - 2]?.end ?? toks[start].end, speaker, null, null, 'indirect:selon-after');
    }
  }

  private verbQuote(seg: Seg, c: Cue): void {
    const toks = seg.toks;
    if (c.frames.includes('post')) return; // attributes direct quotes only ("», sourit-il")
    if (c.frames.includes('frag') && !(this.lex.lang === 'en' && toks[c.last + 1]?.low === 'on')) {
      // "called the statement “offensive”", "a qualifié la décision de « scandaleuse »".
      for (let m = c.last + 1; m < Math.min(toks.length, c.last + 10); m++) {
        const u = toks[m];
        if (u.region >= 0 && !this.view.regions[u.region].standalone) {
          const speaker = this.speakerOfCue(c, false);
          if (speaker) this.push(seg, c, toks[c.last + 1].start, this.clauseEnd(seg, c.last + 1, c), speaker, null, null, 'mixed:object');
          return;
        }
        if (u.word && (isVerbLike(this.lex, u, toks[m - 1]) || this.lex.complementizers.has(u.low))) return;
        if (!u.word && !OPEN_MARKS.test(u.text) && u.text !== ',' && u.text !== '-') return;
      }
      return;
    }
    const after = this.addresseeAfter(c);
    let { addressee } = after;
    const { object } = after;
    let { next } = after;
    // "called on Trump to stop …": a request, its addressee after "on".
    // English commitments take "to" + verb as French ones take "de" + infinitive (frame 'inf' in
    // the French table): "vowed to repeal …", "promising to meet …" like "a promis de …".
    let request = c.cls === 'ask' || c.frames.includes('inf') || addressee !== null || (this.lex.lang === 'en' && EN_COMMIT.has(c.lemma));
    if (this.lex.lang === 'en' && c.lemma === 'call' && toks[c.last + 1]?.low === 'on') {
      const np = npStartingAt(this.lex, seg, c.last + 2, { stopAt: new Set(['to', 'that', ',']), max: 8 });
      if (np && toks[np.last + 1]?.low === 'to') {
        addressee = rangeSpan(seg, np);
        next = np.last + 1;
        request = true;
      }
    }
    const k = next;
    const t = toks[k];
    let contentStart = -1;
    let rule = '';
    const farQue = t && !this.lex.complementizers.has(t.low) ? this.complementizerAhead(seg, k) : -1;
    if (t && this.lex.complementizers.has(t.low)) {
      contentStart = k + 1;
      rule = 'indirect:que';
    } else if (farQue > 0) {
      // "is telling customers at a popular Manchester, New Hampshire, breakfast spot that …"
      contentStart = farQue + 1;
      rule = 'indirect:que';
    } else if (t && this.lex.lang === 'en' && c.cls === 'accuse' && object !== null && (t.low === 'of' || t.low === 'for') && toks[k + 1]?.word && /ing$/.test(toks[k + 1].low)) {
      // "accused the GOP of stoking the issue", like "accuse le gouvernement de mépriser …"; the
      // object is the target and part of what is said.
      contentStart = k + 1;
      rule = 'indirect:inf';
    } else if (t && (c.cls === 'speech' || c.cls === 'ask') && !c.frames.includes('that') && this.whClause(c, k)) {
      // An indirect question or manner clause: "told Marlow how surprised he is …", "asked whether …",
      // "a expliqué pourquoi …", "a demandé si …" (the wh-word is part of the content).
      contentStart = k;
      rule = 'indirect:wh';
    } else if (t && this.lex.lang === 'fr' && (t.low === 'de' || t.low === "d'" || (t.low === 'à' && (c.cls === 'ask' || c.frames.includes('inf')))) && (request || c.cls === 'accuse')) {
      const v = toks[k + 1];
      const v2 = toks[k + 2];
      if (isInfinitiveFr(v) || (v && (/^(?:l'|le|la|les|lui|leur|se|s'|y|en|ne|n')$/.test(v.low) || OPEN_MARKS.test(v.text)) && isInfinitiveFr(v2))) {
        contentStart = k + 1;
        rule = 'indirect:inf';
      }
    } else if (t && this.lex.lang === 'fr' && (c.cls === 'assert' || c.cls === 'deny' || c.cls === 'speech' || c.cls === 'opinion') && (/^(?:avoir|être|ne|n'|vouloir|pouvoir|devoir|savoir|faire|aller|venir)$/.test(t.low) || (t.feats !== null && t.feats.includes('VerbForm=Inf')))) {
      contentStart = k;
      rule = 'indirect:inf';
    } else if (t && this.lex.lang === 'en' && t.low === 'to' && request && toks[k + 1]?.word && (toks[k + 1].upos === null || toks[k + 1].upos === 'VERB' || toks[k + 1].upos === 'AUX' || toks[k + 1].upos === 'ADV')) {
      // "urged Republicans to join …", "told his supporters at a rally to go …" (an addressee, then "to" + verb).
      contentStart = k + 1;
      rule = 'indirect:inf';
    } else if (t && this.lex.lang === 'en' && c.kind === 'verb' && !c.infinitive && c.cls !== 'ask' && c.cls !== 'accuse' && c.cls !== 'deny' && t.word && (EN_CLAUSE_START.has(t.low) || (isCap(t) && !c.participle) || !EN_NOT_CLAUSE_START.has(t.low))) {
      // Zero "that": "Trump said he would ...", "She said the plan was ...".
      // A subject pronoun followed by a word starts a clause ("he made", "they want").
      let finite = /^(?:he|she|they|we|i|there|you)$/.test(t.low) && (toks[k + 1]?.word ?? false);
      // A capitalised cue inside a segment is a title-case headline's ("Obama Says Museum Will
      // Tell …"): its tags are unreliable, the rest of the headline is what was said.
      if (c.head > 0 && isCap(toks[c.head]) && toks.length - k >= 3) finite = true;
      for (let m = k + 1; !finite && m < Math.min(toks.length, k + 14); m++) {
        const u = toks[m];
        if (u.text === ';' || u.text === ':' || u.text === '?' || u.text === '!') break;
        if (!u.word) continue;
        // Untagged, a plural noun looks like a verb in -s: only a pronoun subject lets "-s" count.
        const pronounStart = EN_CLAUSE_START.has(t.low) && this.lex.subjectPronouns.has(t.low);
        if (u.upos ? u.upos === 'VERB' || u.upos === 'AUX' : (EN_FINITE.test(u.low) && (pronounStart || !/^\w+s$/.test(u.low) || /^(?:is|was|has|does)$/.test(u.low))) || /^(?:'s|'re|'ve|'ll|'d|n't)$/.test(u.low) || /n't$/.test(u.low)) {
          if (isCap(u) && !u.upos) continue;
          finite = true;
          break;
        }
      }
      // "Sanders said, going on to say …": a participle after the comma is a second predicate of
      // the reporting clause, not the start of what was said.
      const participleAfterComma = toks.slice(c.last + 1, k).some((u) => u.text === ',') && /^[a-z]{2,}ing$/.test(t.low) && (t.upos === null || t.upos === 'VERB' || t.upos === 'AUX');
      if (finite && !participleAfterComma && !(t.low === 'it' && toks[k + 1] && !toks[k + 1].word)) {
        contentStart = k;
        rule = 'indirect:zero-that';
      }
    }
    if (contentStart < 0 && this.lex.lang === 'fr' && (c.frames.includes('inf') || c.cls === 'ask') && this.lex.addresseePrepositions.has(toks[c.last + 1]?.low ?? '')) {
      // "a demandé à l'Organisation du traité (OTSC) dirigée par la Russie de l'aider à ..."
      const from = c.last + 1;
      for (let m = from + 1; m < Math.min(toks.length, from + 20); m++) {
        const u = toks[m];
        if (u.text === '.' || u.text === ';' || this.lex.complementizers.has(u.low)) break;
        if ((u.low === 'de' || u.low === "d'") && (isInfinitiveFr(toks[m + 1]) || (/^(?:l'|le|la|les|lui|leur|se|s'|y|en|ne|n')$/.test(toks[m + 1]?.low ?? '') && isInfinitiveFr(toks[m + 2])))) {
          contentStart = m + 1;
          rule = 'indirect:inf';
          addressee = { start: toks[from + 1].start, end: toks[m - 1].end };
          break;
        }
      }
    }
    // A denial's object: "a nié toute implication", "a démenti ces informations", "denied any wrongdoing".
    // (Not in a headline: "X dément son rôle" there is the article's summary, not a report of speech.)
    if (contentStart < 0 && t && t.word && DENY_NP.has(c.lemma) && this.view.paraKinds[seg.para] !== 'title' && (this.lex.determiners.has(t.low) || /^(?:toute|tout|tous|toutes|any|all)$/.test(t.low)) && !c.infinitive) {
      contentStart = k;
      rule = 'indirect:np';
    }
    // Quoted words in the object: "a juré une « riposte difficile »", "accusant la violence « des comploteurs »".
    if (contentStart < 0 && t) {
      // The quoted words may come after the object and a preposition of the cue's frame:
      // "criticized the Affordable Care Act as a “crazy system”", "blasted the media for being
      // “dishonest”", "a qualifié la réforme d'« injuste »", "accuse le pouvoir de « mentir »".
      for (let m = k; m < Math.min(toks.length, k + 10); m++) {
        const u = toks[m];
        if (u.region >= 0 && !this.view.regions[u.region].standalone) {
          contentStart = k;
          rule = 'mixed:object';
          break;
        }
        if (!u.word && !OPEN_MARKS.test(u.text)) break;
        if (m >= k + 5 && u.word && (this.lex.complementizers.has(u.low) || this.lex.relatives.has(u.low) || (u.upos !== null ? u.upos === 'AUX' || (u.upos === 'VERB' && (u.feats ?? '').includes('VerbForm=Fin')) : false))) break;
      }
    }
    // A 'that'-only cue ("found that", "montre que") reports nothing without its clause; a "that"
    // followed by a verb is a relative pronoun ("the evidence he found that was …").
    if (c.frames.includes('that') && (rule !== 'indirect:que' || farQue > 0 || c.infinitive || isVerbLike(this.lex, toks[contentStart] ?? toks[0]) || contentStart >= toks.length)) return;
    if (contentStart >= 0 && contentStart < toks.length) {
      // The tree's subject when the text rules find none ("A report released last year found that …").
      // For a 'that'-only cue the parser's subject comes first: these verbs take inanimate subjects
      // with modifiers the text rules cut ("A Quinnipiac poll in late August found that").
      const speaker = c.frames.includes('that') ? this.treeSubjectLeft(seg, c) ?? this.speakerOfCue(c, false) : this.speakerOfCue(c, false) ?? this.treeSubjectLeft(seg, c);
      if (!speaker) return;
      let e = this.clauseEnd(seg, contentStart, c);
      if (rule === 'indirect:np') e = this.beforeChannel(seg, contentStart, e);
      const tc = this.view.hasTree ? treeContent(this.view, seg, c) : null;
      if (tc && tc.start >= toks[contentStart].start - 1 && tc.end > toks[contentStart].start) e = Math.min(e, Math.max(tc.end, toks[contentStart].end));
      this.push(seg, c, toks[contentStart].start, e, this.treeSpeaker(seg, c, speaker), addressee, object, rule);
      return;
    }
  }

  /**
   * Where a denied noun phrase ends when the sentence goes on with the channel of the denial:
   * "a démenti ces accusations | dans un communiqué", "denied the report | in a statement".
   */
  private beforeChannel(seg: Seg, from: number, end: number): number {
    const toks = seg.toks;
    for (let m = from + 1; m < toks.length && toks[m].start < end; m++) {
      if (!this.lex.adverbialPrepositions.has(toks[m].low) && toks[m].text !== ',') continue;
      for (let n = m + 1; n <= m + 3 && n < toks.length; n++) {
        if (CHANNEL_NOUNS.has(toks[n].low)) return toks[m - 1].end;
      }
    }
    return end;
  }

  /** A "que"/"that" a few noun-phrase words after the cue (addressee, place, time), or -1. */
  private complementizerAhead(seg: Seg, k: number): number {
    const toks = seg.toks;
    for (let m = k; m < Math.min(toks.length - 1, k + 18); m++) {
      const u = toks[m];
      if (this.lex.complementizers.has(u.low)) return m > k ? m : -1;
      if (u.text === ',' || u.text === '(' || u.text === ')' || u.text === '-') continue;
      // The dot of an abbreviation ("on Sept. 10").
      if (u.text === '.' && toks[m - 1] && toks[m - 1].end === u.start && /^\p{Lu}\p{Ll}{0,3}$/u.test(toks[m - 1].text)) continue;
      if (!u.word || u.region >= 0) return -1;
      if (this.lex.relatives.has(u.low) || this.lex.coordinators.has(u.low)) return -1;
      if (isVerbLike(this.lex, u, toks[m - 1])) return -1;
      if (this.lex.stops.has(u.low) && !this.lex.adverbialPrepositions.has(u.low) && !this.lex.npPrepositions.has(u.low) && !this.lex.fillers.has(u.low)) return -1;
    }
    return -1;
  }

  /**
   * The tree subject replaces the phrase the text rule found only when that phrase holds a verb
   * (a sign the rule walked past the subject); otherwise the text rule, which a wrong parse
   * cannot mislead, stands.
   */
  private treeSpeaker(seg: Seg, c: Cue, speaker: SpeakerRef): SpeakerRef {
    if (!this.view.hasTree || speaker.how === 'pron') return speaker;
    const ts = treeSubject(this.view, seg, c);
    if (!ts) return speaker;
    if (ts.start < speaker.end && ts.end > speaker.start) return speaker; // they agree
    const words = toksIn(this.view, speaker);
    const holdsVerb = words.some((t, i) => i > 0 && (t.upos === 'VERB' || t.upos === 'AUX'));
    return holdsVerb ? { ...ts, how: 'np' } : speaker;
  }

  /** "CONTENT, X a déclaré." / "CONTENT, said X." / "CONTENT, X said, CONTENT." */
  private reversedQuote(seg: Seg, c: Cue): boolean {
    if (c.participle || c.infinitive) return false;
    const toks = seg.toks;
    let comma = -1;
    if (toks[c.first - 1]?.text === ',') comma = c.first - 1;
    else if (toks[c.first - 1] && CLOSE_MARKS.test(toks[c.first - 1].text) && toks[c.first - 1].region < 0 && this.view.regions.some((r) => r.close === toks[c.first - 1].start && !r.standalone)) {
      // "… using the tax ''is a misguided approach,'' said Mr. Burman": quoted words ending the content.
      comma = c.first - 1;
    } else {
      const subj = subjectLeftOf(this.lex, seg, c.first);
      // A title word the phrase rules leave out ("…," retired Air Force general Lloyd Newton said).
      if (subj && subj.first >= 2 && toks[subj.first - 1].word && (toks[subj.first - 1].upos === 'ADJ' || /(?:ed|é|ée)$/.test(toks[subj.first - 1].low)) && /^[,»"”]$/.test(toks[subj.first - 2].text)) subj.first--;
      if (subj && toks[subj.first - 1]?.text === ',') comma = subj.first - 1;
      if (subj && (toks[subj.first - 1]?.text === '»' || toks[subj.first - 1]?.text === '"' || toks[subj.first - 1]?.text === '”')) {
        comma = subj.first - 1;
      }
    }
    if (comma < 2) return false;
    const speaker = this.speakerOfCue(c, comma === c.first - 1);
    if (!speaker) return false;
    // After the cue: only its subject, fillers, addressee, adverbials, then the end (or a comma and more content).
    const a = this.addresseeAfter(c);
    let k = Math.max(a.next, c.last + 1);
    // addresseeAfter steps over commas; the comma that closes "…, Graham said, since …" matters here.
    while (k - 1 > c.last && toks[k - 1].text === ',') k--;
    const spEndTok = tokAt(this.view, speaker.end - 1);
    if (spEndTok && spEndTok.seg === seg.index && spEndTok.i >= k) k = spEndTok.i + 1;
    while (k < toks.length && (this.lex.fillers.has(toks[k].low))) k++;
    // A place or circumstance after the speaker: "…, said one GOP source in the room.", "…, a
    // déclaré un responsable sur place." (up to two phrases, then the end of the sentence).
    for (let guard = 0; guard < 2 && k < toks.length && (this.lex.adverbialPrepositions.has(toks[k].low) || this.lex.npPrepositions.has(toks[k].low)); guard++) {
      const pp = npStartingAt(this.lex, seg, k + 1, { max: 8 });
      if (!pp || !(pp.last + 1 >= toks.length || END_PUNCT.test(toks[pp.last + 1].text) || this.lex.adverbialPrepositions.has(toks[pp.last + 1].low))) break;
      k = pp.last + 1;
    }
    const start = clauseStart(this.lex, seg, 0);
    const contentLast = toks[comma - 1];
    if (toks[comma].text !== ',' && contentLast && !CLOSE_MARKS.test(toks[comma].text)) return false;
    const endContent = CLOSE_MARKS.test(toks[comma].text) ? toks[comma].end : contentLast.end;
    if (k >= toks.length || END_PUNCT.test(toks[k].text) && toks.slice(k).every((u) => !u.word)) {
      return this.push(seg, c, toks[start].start, endContent, speaker, a.addressee, null, 'indirect:reversed');
    }
    if (toks[k].text === ',' && this.subordinateAfter(seg, k + 1)) {
      // "…, lawmakers said Friday, as they bristled …": the attribution ends the content; what
      // follows the comma is a subordinate clause or a participle phrase of the reporting clause.
      return this.push(seg, c, toks[start].start, endContent, speaker, a.addressee, null, 'indirect:reversed');
    }
    if (toks[k].text === ',' && comma - start >= 2) {
      // Inserted: "The economy, Trump said, is strong."
      const e = this.clauseEnd(seg, k + 1, c);
      return this.push(seg, c, toks[start].start, e, speaker, a.addressee, null, 'indirect:inserted');
    }
    return false;
  }

  /** An indirect question or manner clause at token k after cue c, followed by a clause of at least two words. */
  private whClause(c: Cue, k: number): boolean {
    const toks = c.seg.toks;
    const t = toks[k];
    if (!t || !t.word) return false;
    const ask = c.cls === 'ask' || c.lemma === 'wonder' || c.lemma === 'se demander';
    const en = ['how', 'why', 'whether', 'what', 'where', 'who'];
    const fr = ['comment', 'pourquoi', 'combien', 'où'];
    const open = this.lex.lang === 'en' ? en.includes(t.low) || (ask && (t.low === 'if' || t.low === 'when')) : fr.includes(t.low) || (ask && (t.low === 'si' || t.low === "s'" || t.low === 'quand' || t.low === 'qui'));
    if (!open) return false;
    // "how to …"/"comment faire" is a plan, not a clause; "what he called …" a relative before a name.
    const rest = toks.slice(k + 1).filter((u) => u.word);
    if (rest.length < 2 || rest[0].low === 'to') return false;
    return rest.slice(0, 8).some((u, n) => n > 0 && isVerbLike(this.lex, u)) || rest.slice(0, 8).some((u) => isVerbLike(this.lex, u) && u.upos !== 'VERB');
  }

  /** The tree's subject of a cue when it lies before the cue in its segment, or null. */
  private treeSubjectLeft(seg: Seg, c: Cue): SpeakerRef | null {
    if (!this.view.hasTree || c.kind !== 'verb') return null;
    const ts = treeSubject(this.view, seg, c);
    if (!ts || ts.start < seg.start || ts.end > seg.toks[c.first].start) return null;
    const words = toksIn(this.view, ts);
    if (words.length === 0 || !this.nounLike(seg, { first: words[0].i, last: words[words.length - 1].i })) return null;
    return { ...ts, how: 'np' };
  }

  /** A subordinate clause or participle phrase starting at token k ("as they …", "adding that …", "alors que …", "ajoutant …"). */
  private subordinateAfter(seg: Seg, k: number): boolean {
    const t = seg.toks[k];
    if (!t || !t.word) return false;
    if ((this.lex.lang === 'en' ? EN_SUBORDINATORS : FR_SUBORDINATORS).has(t.low)) return true;
    if (this.lex.lang === 'fr' && t.low === 'alors' && seg.toks[k + 1] && this.lex.complementizers.has(seg.toks[k + 1].low)) return true;
    if (this.lex.lang === 'fr' && t.low === 'en' && seg.toks[k + 1] && /ant$/.test(seg.toks[k + 1].low)) return true;
    // A participle: the tagger's, or by its ending when there are no tags.
    if (t.feats) return t.feats.includes('VerbForm=Ger') || (this.lex.lang === 'fr' && t.feats.includes('VerbForm=Part') && t.feats.includes('Tense=Pres'));
    return this.lex.lang === 'en' ? /^[a-z]{3,}ing$/.test(t.low) : /^[a-zé]{3,}ant$/.test(t.low) && !isCap(t);
  }

  // ---------------------------------------------------------------- clean-up

  private dedupe(): QuoteCand[] {
    const rank = (q: QuoteCand) => (q.type === 'direct' ? 0 : q.rule === 'indirect:que' || q.rule === 'indirect:inf' ? 1 : q.rule === 'mixed:object' ? 2 : 3);
    const kept: QuoteCand[] = [];
    const byRank = [...this.quotes].sort((a, b) => rank(a) - rank(b) || a.content.start - b.content.start);
    for (const q of byRank) {
      const len = q.content.end - q.content.start;
      const clash = kept.find((o) => {
        const ov = Math.min(o.content.end, q.content.end) - Math.max(o.content.start, q.content.start);
        if (ov <= 0) return false;
        const olen = o.content.end - o.content.start;
        // A direct quote inside an indirect one's content is a mixed quote's fragment: keep the bigger one only if it is not direct.
        return ov >= 0.5 * Math.min(len, olen) && (o.cue === q.cue || ov >= 0.8 * len || ov >= 0.8 * olen);
      });
      if (!clash) kept.push(q);
    }
    kept.sort((a, b) => a.content.start - b.content.start);
    return kept;
  }
}

/** Speech nouns that take a content clause, with their cue class. */
const EN_SPEECH_NOUNS = new Map<string, CueClass>([['claim', 'assert'], ['assertion', 'assert'], ['insistence', 'assert'], ['contention', 'assert'], ['argument', 'assert'], ['allegation', 'accuse'], ['accusation', 'accuse'], ['charge', 'accuse'], ['denial', 'deny'], ['statement', 'speech'], ['announcement', 'speech'], ['suggestion', 'speech'], ['warning', 'speech'], ['admission', 'speech'], ['prediction', 'speech'], ['promise', 'speech'], ['pledge', 'speech'], ['remark', 'speech'], ['assurance', 'speech'], ['boast', 'speech']]);
const FR_SPEECH_NOUNS = new Map<string, CueClass>([['affirmation', 'assert'], ['assertion', 'assert'], ['insistance', 'assert'], ['argument', 'assert'], ['allégation', 'accuse'], ['accusation', 'accuse'], ['démenti', 'deny'], ['déclaration', 'speech'], ['annonce', 'speech'], ['suggestion', 'speech'], ['avertissement', 'speech'], ['aveu', 'speech'], ['prédiction', 'speech'], ['promesse', 'speech'], ['propos', 'speech'], ['assurance', 'speech']]);
const EN_POSSESSIVES = new Set(['his', 'her', 'their', 'its']);
const FR_POSSESSIVES = new Set(['son', 'sa', 'ses', 'leur', 'leurs']);

const FR_MULTI_FILLERS = ["d' abord", "tout d' abord", 'de nouveau', 'à nouveau', 'une nouvelle fois', 'de son côté', 'pour sa part', 'quant à lui', 'quant à elle', "d' ailleurs", 'par ailleurs', 'en outre', 'elle aussi', 'lui aussi', 'en substance', 'en effet', 'à son tour'].map((p) => p.split(' '));
const EN_MULTI_FILLERS = ['in a statement', 'in an interview', 'on twitter', 'in a tweet', 'at a press conference', 'at a news conference', 'on monday', 'on tuesday', 'on wednesday', 'on thursday', 'on friday', 'on saturday', 'on sunday', 'last week', 'this week', 'last month', 'in a statement released', 'once again', 'for his part', 'for her part'].map((p) => p.split(' '));

/** Length of a multiword filler ("d'abord", "in a statement") starting at token k, or 0. */
export function multiwordFiller(lex: QuoteLexicon, toks: Tok[], k: number): number {
  for (const words of lex.lang === 'fr' ? FR_MULTI_FILLERS : EN_MULTI_FILLERS) {
    if (words.every((w, n) => toks[k + n]?.low === w)) return words.length;
  }
  return 0;
}

function spanOf(p: Pron): Span {
  return { start: p.start, end: p.end };
}

/** Trims spaces, a trailing comma and unpaired edge marks from a content span. */
export function trimContent(text: string, span: Span): Span {
  let { start, end } = span;
  const ws = /[\s\u00a0\u202f\u2009]/;
  for (let guard = 0; guard < 4; guard++) {
    while (start < end && (ws.test(text[start]) || text[start] === ',')) start++;
    while (end > start && ws.test(text[end - 1])) end--;
    if (end > start && (text[end - 1] === ',' || text[end - 1] === ';' || text[end - 1] === ':')) end--;
    else break;
  }
  return { start, end };
}
