/**
 * Claims: accusations, denials and assertions, with claimant, target and content, and the link
 * from a denial to the claim it denies when both are in the article.
 *
 * Sources: (1) cues of the deny / accuse / assert classes (nier, démentir, accuser, reprocher,
 * affirmer; deny, accuse, blame, claim …) with a clause, an infinitive or an object noun phrase;
 * (2) quotes whose content says something is false ("c'est absolument faux") or accuses
 * ("désinformation", "derrière", "responsible for"); (3) claims reported through a noun
 * ("les affirmations de la Russie selon lesquelles …", "claims that …").
 */
import type { Span } from '../document.js';
import type { Cue } from './cues.js';
import type { Extractor, QuoteCand } from './extract.js';
import type { QuoteLexicon } from './lexicon.js';
import { isCap, isVerbLike, npStartingAt, rangeSpan, subjectLeftOf, clauseSubject } from './np.js';
import type { Resolution, Resolver } from './resolve.js';
import { toksIn, type Seg, type TextView, type Tok } from './text.js';
import { trimContent } from './extract.js';

export interface ClaimCand {
  stance: 'accuse' | 'deny' | 'assert';
  content: Span;
  claimant: Span | null;
  claimantRes: Resolution | null;
  target: Span | null;
  targetRes: Resolution | null;
  cue: Cue | null;
  cueSpan: Span | null;
  cueLemma: string | null;
  /** Index (in the final list) of the claim this one denies. */
  denies: number | null;
  /** A denial that points back ("c'est faux", "this is false"). */
  anaphoric: boolean;
  quote: QuoteCand | null;
}

const CLOSING = /^[»”"’]$/;
const FR_POSSESSIVE = new Set(['leur', 'leurs', 'son', 'sa', 'ses', 'notre', 'nos']);
const EN_POSSESSIVE = new Set(['their', 'its', 'his', 'her', 'our']);
const FR_STOPWORDS = new Set("le la les l' un une des du de d' et à au aux en dans que qu' qui ce c' cela ça se s' sur par pour est sont a ont été être avoir il elle ils elles on ne n' pas plus tout tous cette ces son sa ses leur leurs y".split(' '));
const EN_STOPWORDS = new Set('the a an and of to in on at for that this it is are was were be been has have had he she they we not with by from as its their his her all'.split(' '));
const FR_ANAPHORIC = /^(?:c'est|c’est|cela est|ceci est|ce sont|tout cela est|c'était|c’était)\b/i;
const EN_ANAPHORIC = /^(?:it is|it's|it’s|that is|that's|that’s|this is|these are|those are|they are|they're)\b/i;

function tokensIn(view: TextView, span: Span): Tok[] {
  return toksIn(view, span);
}

function contentWords(view: TextView, lex: QuoteLexicon, span: Span): Set<string> {
  const stop = lex.lang === 'fr' ? FR_STOPWORDS : EN_STOPWORDS;
  const out = new Set<string>();
  for (const t of tokensIn(view, span)) {
    if (!t.word || stop.has(t.low) || t.low.length < 3) continue;
    out.add((t.lemma ?? t.low).replace(/(?:s|x)$/, ''));
  }
  return out;
}

export class ClaimFinder {
  readonly claims: ClaimCand[] = [];

  constructor(
    readonly view: TextView,
    readonly lex: QuoteLexicon,
    readonly ex: Extractor,
    readonly resolver: Resolver,
    readonly quotes: QuoteCand[],
    readonly speakerRes: Resolution[],
  ) {}

  run(): ClaimCand[] {
    this.fromCues();
    this.fromClaimNouns();
    this.fromQuoteContents();
    this.dedupe();
    this.claims.sort((a, b) => a.content.start - b.content.start || a.content.end - b.content.end);
    this.link();
    return this.claims;
  }

  private add(c: Omit<ClaimCand, 'denies' | 'claimantRes' | 'targetRes' | 'anaphoric'> & { claimantRes?: Resolution | null; targetRes?: Resolution | null; anaphoric?: boolean }): void {
    const content = trimContent(this.view.text, c.content);
    if (content.end <= content.start) return;
    const words = tokensIn(this.view, content).filter((t) => t.word).length;
    if (words < 2) return;
    const claimantRes = c.claimantRes ?? (c.claimant ? this.resolver.resolveSpan(c.claimant) : null);
    let target = c.target;
    let targetRes = c.targetRes ?? (target ? this.resolver.resolveSpan(target) : null);
    if (!targetRes) {
      const first = tokensIn(this.view, content).find((t) => t.word);
      const poss = this.lex.lang === 'fr' ? FR_POSSESSIVE : EN_POSSESSIVE;
      if (first && poss.has(first.low) && claimantRes) targetRes = claimantRes;
      else targetRes = this.resolver.firstEntityIn(content);
      if (!targetRes && c.stance === 'accuse') {
        const frag = this.view.regions.find((r) => r.content.start >= content.start && r.content.end <= content.end);
        if (frag) {
          target = frag.content;
          targetRes = { entity: null, name: this.view.text.slice(frag.content.start, frag.content.end) };
        }
      }
    }
    this.claims.push({ ...c, content, claimantRes, target, targetRes, denies: null, anaphoric: c.anaphoric ?? false });
  }

  private quoteOfCue(c: Cue): { q: QuoteCand; i: number } | null {
    const i = this.quotes.findIndex((q) => q.cue === c);
    return i >= 0 ? { q: this.quotes[i], i } : null;
  }

  /** (1) deny / accuse / assert cues. */
  private fromCues(): void {
    for (let si = 0; si < this.view.segs.length; si++) {
      const seg = this.view.segs[si];
      for (const c of this.ex.cues[si]) {
        if (c.kind !== 'verb' || c.negated) continue;
        if (c.cls !== 'deny' && c.cls !== 'accuse' && c.cls !== 'assert') continue;
        const cueSpan = { start: seg.toks[c.first].start, end: seg.toks[c.last].end };
        const found = this.quoteOfCue(c);
        if (found) {
          const { q, i } = found;
          const stance = c.cls === 'assert' ? this.stanceOfContent(q.content) ?? 'assert' : c.cls;
          this.add({ stance, content: q.content, claimant: q.speaker, claimantRes: this.speakerRes[i], target: q.object, cue: c, cueSpan, cueLemma: c.lemma, quote: q });
          continue;
        }
        // No quote (a cue inside a quote, or an object noun phrase): "Certains affirment que …",
        // "dément leur rôle", "accused Russia of meddling".
        if (c.cls === 'assert') {
          let k = c.last + 1;
          while (k < seg.toks.length && (this.lex.fillers.has(seg.toks[k].low) || seg.toks[k].text === ',')) k++;
          if (!seg.toks[k] || !this.lex.complementizers.has(seg.toks[k].low) || !seg.toks[k + 1]) continue;
          const subject = c.participle ? clauseSubject(this.lex, seg, c.first) : subjectLeftOf(this.lex, seg, c.first);
          const prevTok = seg.toks[c.first - 1];
          const claimant = subject ? rangeSpan(seg, subject) : c.inverted ? { start: c.inverted.start, end: c.inverted.end } : prevTok && prevTok.word ? { start: prevTok.start, end: prevTok.end } : null;
          const end = this.clauseEndOf(seg, k + 1);
          this.add({ stance: this.stanceOfContent({ start: seg.toks[k + 1].start, end }) === 'accuse' ? 'accuse' : 'assert', content: { start: seg.toks[k + 1].start, end }, claimant, target: null, cue: c, cueSpan, cueLemma: c.lemma, quote: null });
          continue;
        }
        const subject = c.participle ? clauseSubject(this.lex, seg, c.first) : subjectLeftOf(this.lex, seg, c.first);
        const claimant = subject ? rangeSpan(seg, subject) : c.inverted ? { start: c.inverted.start, end: c.inverted.end } : null;
        let k = c.last + 1;
        while (k < seg.toks.length && (this.lex.fillers.has(seg.toks[k].low) || seg.toks[k].text === ',')) k++;
        let target: Span | null = null;
        if (c.cls === 'accuse') {
          // accuser X de Y / reprocher à X de Y / accuse X of Y / blame X for Y
          let a = k;
          if (this.lex.addresseePrepositions.has(seg.toks[a]?.low ?? '')) a++;
          const np = npStartingAt(this.lex, seg, a, { stopAt: new Set(['de', "d'", 'of', 'for', 'pour', 'that', 'que']) });
          if (np) {
            const after = seg.toks[np.last + 1];
            if (after && /^(?:de|d'|of|for|pour)$/.test(after.low)) {
              target = rangeSpan(seg, np);
              k = np.last + 2;
            }
          }
        }
        if (k >= seg.toks.length || !seg.toks[k].word && !/^[«“"‘]$/.test(seg.toks[k].text)) continue;
        const end = this.clauseEndOf(seg, k);
        if (end <= seg.toks[k].start) continue;
        this.add({ stance: c.cls, content: { start: seg.toks[k].start, end }, claimant, target, cue: c, cueSpan, cueLemma: c.lemma, quote: null });
      }
    }
  }

  private clauseEndOf(seg: Seg, k: number): number {
    const toks = seg.toks;
    let e = k;
    for (; e < toks.length; e++) {
      const t = toks[e];
      if (t.text === ';' || t.text === ':' || ((t.text === '.' || t.text === '!' || t.text === '?') && e > k)) break;
      if (t.region >= 0 !== (toks[k].region >= 0) && CLOSING.test(t.text)) break;
      if (t.text === ',') {
        const n = toks[e + 1];
        if (!n || !n.word || /ant$|ing$/.test(n.low) || this.ex.cues[seg.index].some((c) => c.first === e + 1 || c.first === e + 2)) break;
      }
    }
    let last = e - 1;
    while (last >= k && /^[.!?…,;:]$/.test(toks[last].text)) last--;
    return last >= k ? toks[last].end : toks[k].start;
  }

  /** The stance a quote's content gives: deny when it calls something false, accuse when it accuses. */
  private stanceOfContent(span: Span): 'deny' | 'accuse' | null {
    const toks = tokensIn(this.view, span);
    if (toks.some((t) => this.lex.falsity.has(t.low))) return 'deny';
    if (toks.some((t) => this.lex.accusation.some((a) => !a.includes(' ') && t.low.startsWith(a)))) return 'accuse';
    const text = ` ${toks.map((t) => t.low).join(' ')} `.replace(/' /g, "'");
    if (this.lex.accusation.some((a) => a.includes(' ') && text.includes(` ${a}`))) return 'accuse';
    return null;
  }

  /** Clauses of a span: cut at ";", ", alors", " et que", ", and", ". ". */
  private clauses(span: Span): Span[] {
    const toks = tokensIn(this.view, span);
    const out: Span[] = [];
    let start = span.start;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i];
      const n = toks[i + 1];
      let cut = false;
      let skip = 0;
      if (t.text === ';' || t.text === '.' || t.text === '!' || t.text === '?') cut = true;
      else if (this.lex.complementizers.has(t.low) && i > 0 && this.lex.verbs.has(toks[i - 1].low)) cut = true;
      else if (t.text === ',' && n && /^(?:alors|mais|car|donc|and|but|so)$/.test(n.low)) cut = true;
      else if (/^(?:et|and|mais|but)$/.test(t.low) && n && /^(?:que|qu'|that)$/.test(n.low)) {
        cut = true;
        skip = 1;
      }
      if (cut) {
        if (t.start > start) out.push({ start, end: t.start });
        const next = toks[i + 1 + skip];
        start = next ? (/^(?:alors|mais|car|donc|and|but|so)$/.test(next.low) && toks[i + 2 + skip] ? toks[i + 2 + skip].start : next.start) : span.end;
        if (next && /^(?:alors|mais|car|donc|and|but|so)$/.test(next.low)) i++;
        i += skip;
      }
    }
    if (span.end > start) out.push({ start, end: span.end });
    // Drop a leading complementiser.
    return out.map((c) => {
      const first = tokensIn(this.view, c)[0];
      if (first && (this.lex.complementizers.has(first.low) || /^(?:pour|to)$/.test(first.low))) {
        const second = tokensIn(this.view, c)[1];
        if (second && /^(?:dire|say)$/.test(second.low)) {
          const third = tokensIn(this.view, c)[2];
          if (third && this.lex.complementizers.has(third.low)) return { start: tokensIn(this.view, c)[3]?.start ?? c.end, end: c.end };
        }
        return { start: second ? second.start : c.end, end: c.end };
      }
      return c;
    });
  }

  /** (2) quotes that call something false or accuse someone. */
  private fromQuoteContents(): void {
    this.quotes.forEach((q, i) => {
      if (!q.speaker) return;
      if (q.cue && (q.cue.cls === 'deny' || q.cue.cls === 'accuse' || q.cue.cls === 'assert')) {
        // Already a claim; only a falsity inside a nested claim matters, handled by the noun claims.
        if (q.cue.cls !== 'assert') return;
      }
      for (const clause of this.clauses(q.content)) {
        // Skip the part of a clause that reports someone else's claim (handled by fromClaimNouns).
        const nested = this.claims.find((c) => c.quote === null && c.content.start >= clause.start && c.content.end <= clause.end && c.cue === null);
        const stance = this.stanceOfContent(nested ? { start: clause.start, end: nested.content.start } : clause);
        if (!stance && !nested) continue;
        if (nested && !stance) continue;
        if (!stance) continue;
        if (this.claims.some((c) => c.content.start === clause.start && c.content.end === clause.end)) continue;
        const toks = tokensIn(this.view, clause).filter((t) => t.word);
        const text = this.view.text.slice(clause.start, clause.end);
        const anaphoric = stance === 'deny' && (this.lex.lang === 'fr' ? FR_ANAPHORIC : EN_ANAPHORIC).test(text) && toks.length <= 6;
        const cueSpan = q.cue ? { start: q.cue.seg.toks[q.cue.first].start, end: q.cue.seg.toks[q.cue.last].end } : null;
        this.add({ stance, content: clause, claimant: q.speaker, claimantRes: this.speakerRes[i], target: null, cue: q.cue, cueSpan, cueLemma: q.cue?.lemma ?? null, quote: q, anaphoric });
      }
    });
  }

  /** (3) "les affirmations de la Russie selon lesquelles …", "affirmations russes … selon lesquelles", "claims that …". */
  private fromClaimNouns(): void {
    for (const seg of this.view.segs) {
      const toks = seg.toks;
      for (let i = 0; i < toks.length; i++) {
        if (!this.lex.claimNouns.has(toks[i].low)) continue;
        // Find the introducer within the next 8 tokens.
        let k = i + 1;
        let intro = -1;
        let introLen = 0;
        for (; k < Math.min(toks.length, i + 10); k++) {
          for (const phrase of this.lex.claimIntroducers) {
            const words = phrase.split(' ');
            if (words.every((w, n) => toks[k + n]?.low === w)) {
              intro = k;
              introLen = words.length;
              break;
            }
          }
          if (intro >= 0) break;
          if (toks[k].text === '.' || toks[k].text === ';') break;
        }
        if (intro < 0) continue;
        // "que" after a claim noun is a content clause only right after it (or after an adjective or a "de X").
        if (introLen === 1 && this.lex.lang === 'fr' && intro > i + 4) continue;
        const cStart = intro + introLen;
        if (cStart >= toks.length) continue;
        // "The claim that was made yesterday": a "that"/"que" followed by a verb is a relative pronoun.
        if (introLen === 1 && this.lex.complementizers.has(toks[intro].low) && isVerbLike(this.lex, toks[cStart])) continue;
        // Owner: "de la Russie" / a demonym ("russes") between the noun and the introducer, or before it.
        let claimantRes: Resolution | null = null;
        let claimant: Span | null = null;
        const between: Span = { start: toks[Math.max(0, i - 3)].start, end: toks[intro - 1].end };
        const dm = this.resolver.demonymIn(between);
        const ofPos = toks.slice(i + 1, intro).findIndex((t) => /^(?:de|du|des|d'|of|from|by)$/.test(t.low));
        if (ofPos >= 0) {
          const np = npStartingAt(this.lex, seg, i + 2 + ofPos, { stopAt: new Set(['selon', 'that', 'que', 'qui']) });
          if (np && np.last < intro) {
            claimant = rangeSpan(seg, np);
            claimantRes = this.resolver.resolveSpan(claimant);
          }
        }
        if (!claimantRes && dm) claimantRes = dm;
        // Content: the clause, cut at a comma and before the main clause's predicate ("… sont « absolument fausses »").
        let end = this.clauseEndOf(seg, cStart);
        for (let m = cStart + 1; m < toks.length && toks[m].start < end; m++) {
          if (toks[m].text === ',') {
            end = toks[m - 1].end;
            break;
          }
        }
        let cutAtPredicate = false;
        for (let m = cStart + 2; m < toks.length && toks[m].start < end; m++) {
          const t = toks[m];
          if (!/^(?:est|sont|était|étaient|serait|seraient|is|are|was|were|remain|remains)$/.test(t.low)) continue;
          const window = toks.slice(m + 1, m + 5);
          if (window.some((u) => this.lex.falsity.has(u.low)) && m > cStart + 2) {
            let e = m - 1;
            while (e > cStart && !toks[e].word) e--;
            end = toks[e].end;
            cutAtPredicate = true;
            break;
          }
        }
        let content = { start: toks[cStart].start, end };
        // The extractor's quote on the same noun ("his claim that …", "l'affirmation du ministre
        // selon laquelle …") has found the owner and where the clause ends: one claim, the same span.
        const nq = cutAtPredicate ? -1 : this.quotes.findIndex((x) => x.rule === 'indirect:noun' && x.cue !== null && x.cue.seg === seg && x.cue.head === i);
        if (nq >= 0) {
          content = { ...this.quotes[nq].content };
          claimant = this.quotes[nq].speaker;
          claimantRes = this.speakerRes[nq];
        }
        const stance = this.stanceOfContent(content) === 'accuse' || /^(?:accusation|accusations|allégation|allégations|allegation|allegations|charge|charges)$/.test(toks[i].low) ? 'accuse' : 'assert';
        this.add({ stance, content, claimant, claimantRes, target: null, cue: null, cueSpan: { start: toks[i].start, end: toks[i].end }, cueLemma: toks[i].low.replace(/s$/, ''), quote: null });
        // The sentence that calls these claims false denies them: "… selon lesquelles X sont « absolument fausses »".
        if (cutAtPredicate) {
          const rest: Span = { start: end, end: seg.end };
          if (tokensIn(this.view, rest).some((t) => this.lex.falsity.has(t.low))) {
            // Claimant of the denial: the speaker of a quote covering the claim noun, or the subject before it.
            const q = this.quotes.findIndex((x) => x.content.start <= toks[i].start && x.content.end >= end);
            if (q >= 0 && this.quotes[q].speaker) {
              const quote = this.quotes[q];
              const cueSpan = quote.cue ? { start: quote.cue.seg.toks[quote.cue.first].start, end: quote.cue.seg.toks[quote.cue.last].end } : null;
              if (!this.claims.some((c) => c.quote === quote && c.stance === 'deny')) {
                this.add({ stance: 'deny', content: quote.content, claimant: quote.speaker, claimantRes: this.speakerRes[q], target: null, cue: quote.cue, cueSpan, cueLemma: quote.cue?.lemma ?? null, quote });
              }
            }
          }
        }
      }
    }
  }

  private dedupe(): void {
    const kept: ClaimCand[] = [];
    for (const c of this.claims) {
      const dup = kept.find((k) => k.stance === c.stance && k.content.start === c.content.start && k.content.end === c.content.end);
      if (!dup) kept.push(c);
    }
    this.claims.length = 0;
    this.claims.push(...kept);
  }

  /** Links each denial to the accusation or assertion it denies. */
  private link(): void {
    const words = this.claims.map((c) => contentWords(this.view, this.lex, c.content));
    this.claims.forEach((d, di) => {
      if (d.stance !== 'deny') return;
      let best = -1;
      let bestScore = 0;
      this.claims.forEach((a, ai) => {
        if (ai === di || a.stance === 'deny') return;
        let score = 0;
        if (a.content.start >= d.content.start && a.content.end <= d.content.end) score += 3;
        if (d.anaphoric && a.content.end <= d.content.start && d.content.start - a.content.end < 400) score += 2.5;
        const tn = (r: Resolution | null) => (r?.name ?? '').toLowerCase();
        if (d.targetRes && a.targetRes && tn(d.targetRes) === tn(a.targetRes) && tn(d.targetRes) !== '') score += 1;
        if (a.claimantRes && d.claimantRes && tn(a.claimantRes) === tn(d.claimantRes)) score -= 1.5;
        // The accused answering the accusation.
        if (a.stance === 'accuse' && a.targetRes && d.claimantRes && tn(a.targetRes) === tn(d.claimantRes) && tn(d.claimantRes) !== '') score += 1;
        const wa = words[ai];
        const wd = words[di];
        let inter = 0;
        for (const w of wa) if (wd.has(w)) inter++;
        const union = wa.size + wd.size - inter;
        if (union > 0) score += 3 * (inter / union);
        // An accusation that comes before the denial is the one usually denied.
        if (a.content.start < d.content.start) score += 0.1;
        if (score > bestScore) {
          bestScore = score;
          best = ai;
        }
      });
      if (best >= 0 && bestScore >= 1) {
        d.denies = best;
        if (!d.targetRes && this.claims[best].targetRes) d.targetRes = this.claims[best].targetRes;
      }
    });
    void isCap;
  }
}
