/**
 * The lexicons of the quotes stage: reporting verbs (form → lemma, class, frames) read from
 * `models/<lang>/quotes-verbs.tsv`, and the closed-class words and short cue lists each language
 * needs (written here: they are grammar, not data to train).
 */
import { readFileSync } from 'node:fs';
import { VigieError } from '../errors.js';
import { modelPath } from '../models.js';

export type CueClass = 'speech' | 'assert' | 'deny' | 'accuse' | 'ask' | 'opinion' | 'none';

export interface CueEntry {
  cls: CueClass;
  /** 'inf' (de + infinitive content), 'np' (object noun phrase as claim content), 'adj' (qualifier X de Y). */
  frames: string[];
}

export interface VerbEntry extends CueEntry {
  lemma: string;
}

const CLASSES = new Set<CueClass>(['speech', 'assert', 'deny', 'accuse', 'ask', 'opinion', 'none']);

/** Reads a hand-written cue list (`lemma TAB class [TAB frames]`, # comments). */
export function readCueList(text: string): Map<string, CueEntry> {
  const out = new Map<string, CueEntry>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [lemma, cls, frames] = line.split('\t');
    if (!CLASSES.has(cls as CueClass)) throw new VigieError(`quotes-cues.tsv: unknown class "${cls}" for ${lemma}`);
    out.set(lemma, { cls: cls as CueClass, frames: frames ? frames.split(',').filter(Boolean) : [] });
  }
  return out;
}

/** Reads a generated verb table (`form TAB lemma TAB class TAB frames`). */
export function readVerbTable(text: string): Map<string, VerbEntry> {
  const out = new Map<string, VerbEntry>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [form, lemma, cls, frames] = line.split('\t');
    out.set(form, { lemma, cls: cls as CueClass, frames: frames ? frames.split(',').filter(Boolean) : [] });
  }
  return out;
}

/** Everything language-specific the quote and claim rules read. */
export interface QuoteLexicon {
  lang: 'fr' | 'en';
  verbs: Map<string, VerbEntry>;
  /** Lemmas of the verb table (to accept a lemma given by the lemmatizer). */
  lemmas: Map<string, VerbEntry>;
  determiners: Set<string>;
  subjectPronouns: Map<string, 'm' | 'f' | 'p' | 'x'>;
  auxiliaries: Set<string>;
  negation: Set<string>;
  clitics: Set<string>;
  /** Words that end a noun phrase when walking away from a verb. */
  stops: Set<string>;
  complementizers: Set<string>;
  relatives: Set<string>;
  coordinators: Set<string>;
  /** Prepositions that open a modifier inside a noun phrase ("du président", "of the party"). */
  npPrepositions: Set<string>;
  /** Prepositions introducing the addressee ("à", "aux", "to"). */
  addresseePrepositions: Set<string>;
  /** Words that may sit between a cue and its content: time, manner, channel. */
  fillers: Set<string>;
  /** Prepositions opening an adverbial between cue and content ("dans un communiqué", "on Tuesday"). */
  adverbialPrepositions: Set<string>;
  roleNouns: Set<string>;
  femaleMarkers: Set<string>;
  maleMarkers: Set<string>;
  /** Content words that say a claim is false (denial inside a quote). */
  falsity: Set<string>;
  /** Content words or stems that make an accusation. */
  accusation: string[];
  /** Nouns naming a claim ("affirmations", "allegations") and the words that introduce its content. */
  claimNouns: Set<string>;
  claimIntroducers: string[];
  /** Demonyms and country adjectives → country (for claimants like "affirmations russes"). */
  demonyms: Map<string, string>;
}

const SPLIT = (s: string) => new Set(s.split(/\s+/).filter(Boolean));

function frenchWords(): Omit<QuoteLexicon, 'lang' | 'verbs' | 'lemmas'> {
  return {
    determiners: SPLIT("le la les l' un une des du de d' au aux ce cet cette ces son sa ses leur leurs mon ma mes notre nos votre vos quelques plusieurs certains certaines aucun aucune chaque tout toute tous toutes deux trois"),
    subjectPronouns: new Map<string, 'm' | 'f' | 'p' | 'x'>([
      ['il', 'm'], ['elle', 'f'], ['ils', 'p'], ['elles', 'p'], ['on', 'x'], ['je', 'x'], ["j'", 'x'], ['nous', 'p'], ['vous', 'x'],
      ['celui-ci', 'm'], ['celle-ci', 'f'], ['ceux-ci', 'p'], ['celles-ci', 'p'],
    ]),
    auxiliaries: SPLIT('a ai as avons avez ont avait avais avaient avions aviez aura auras aurons aurez auront aurait aurais auraient aurions auriez eu ait aient est sont était étaient sera seront serait seraient été soit soient suis es sommes êtes fut furent va vont allait vient venait doit devait devrait pourrait peut pouvait semble semblait'),
    negation: SPLIT("ne n' pas jamais plus guère point nullement rien"),
    clitics: SPLIT("se s' lui leur l' y en me m' te t' nous vous le la les"),
    stops: SPLIT("que qu' qui dont où et ou mais car donc or ni si lorsque lorsqu' quand comme puisque puisqu' parce alors tandis afin sans pour selon avec contre après avant pendant depuis dans sur sous par chez vers entre malgré outre cependant pourtant toutefois néanmoins ainsi puis ensuite enfin notamment également aussi"),
    complementizers: SPLIT("que qu'"),
    relatives: SPLIT('qui'),
    coordinators: SPLIT('et ou mais puis'),
    npPrepositions: SPLIT("de du des d' à au aux pour chez auprès"),
    addresseePrepositions: SPLIT('à au aux'),
    fillers: SPLIT("lundi mardi mercredi jeudi vendredi samedi dimanche hier aujourd'hui demain matin soir midi après-midi soirée récemment encore également aussi déjà alors ensuite enfin notamment toutefois cependant pourtant néanmoins d'ailleurs publiquement simplement clairement ouvertement fermement vivement mardi-soir"),
    adverbialPrepositions: SPLIT("dans lors en sur via par devant pendant durant après avant depuis à au aux"),
    roleNouns: SPLIT("président présidente ministre porte-parole premier première secrétaire directeur directrice chef cheffe responsable responsables dirigeant dirigeante dirigeants maire député députée sénateur sénatrice ambassadeur ambassadrice gouverneur gouverneure candidat candidate procureur procureure juge avocat avocate expert experte analyste chercheur chercheuse professeur professeure patron patronne général générale commandant officier policier policière enquêteur enquêtrice conseiller conseillère diplomate représentant représentante chancelier chancelière roi reine pape évêque témoin habitant habitante manifestant manifestante militant militante syndicaliste fondateur fondatrice pdg vice-président vice-présidente commissaire préfet préfète adjoint adjointe leader dirigeant homme femme élu élue économiste spécialiste médecin infirmière infirmier sociologue politologue historien historienne avocat-conseil émir prince princesse cheikh archevêque cardinal imam rabbin pasteur capitaine colonel lieutenant amiral sergent soldat"),
    femaleMarkers: SPLIT("la une cette elle mme madame présidente ministre-présidente directrice cheffe dirigeante députée sénatrice ambassadrice gouverneure candidate procureure avocate experte chercheuse professeure patronne conseillère représentante chancelière reine habitante manifestante militante fondatrice vice-présidente préfète adjointe élue femme princesse enquêtrice policière historienne infirmière"),
    maleMarkers: SPLIT("le un ce il m. monsieur président directeur chef dirigeant député sénateur ambassadeur gouverneur candidat procureur avocat expert chercheur professeur patron conseiller représentant chancelier roi habitant manifestant militant fondateur vice-président préfet adjoint élu homme prince enquêteur policier historien infirmier"),
    falsity: SPLIT("faux fausse fausses faussement mensonge mensonges mensonger mensongère mensongers mensongères infondé infondée infondés infondées absurde absurdes ridicule ridicules fable fables calomnie calomnies calomnieux diffamatoire inexact inexacte inexacts inexactes erroné erronée erronés erronées fantaisiste fantaisistes grotesque grotesques"),
    accusation: ['derrière', "à l'origine", 'responsable', 'responsables', 'orchestr', 'fomen', 'ingérence', 'complot', 'comploteur', 'terroris', 'bandit', 'désinformation', 'propagande', 'manipul', 'coupable', 'accus', 'reproch', 'imput', 'saboter', 'sabotage', 'menace', 'menaces', 'déstabilis', 'provoqu', 'déclench', 'attaqu', 'agress', 'corromp', 'corruption', 'fraude', 'crime', 'criminel'],
    claimNouns: SPLIT("affirmation affirmations allégation allégations accusation accusations assertion assertions rumeur rumeurs thèse thèses théorie théories déclaration déclarations propos information informations insinuation insinuations version"),
    claimIntroducers: ['selon lesquelles', 'selon lesquels', 'selon laquelle', 'selon lequel', 'voulant que', 'qui veulent que', 'qui veut que', 'que'],
    demonyms: new Map([
      ['russe', 'Russie'], ['russes', 'Russie'], ['américain', 'États-Unis'], ['américaine', 'États-Unis'], ['américains', 'États-Unis'], ['américaines', 'États-Unis'],
      ['français', 'France'], ['française', 'France'], ['françaises', 'France'], ['chinois', 'Chine'], ['chinoise', 'Chine'], ['chinoises', 'Chine'],
      ['ukrainien', 'Ukraine'], ['ukrainienne', 'Ukraine'], ['ukrainiens', 'Ukraine'], ['ukrainiennes', 'Ukraine'], ['britannique', 'Royaume-Uni'], ['britanniques', 'Royaume-Uni'],
      ['allemand', 'Allemagne'], ['allemande', 'Allemagne'], ['allemands', 'Allemagne'], ['allemandes', 'Allemagne'], ['kazakh', 'Kazakhstan'], ['kazakhe', 'Kazakhstan'], ['kazakhs', 'Kazakhstan'],
      ['iranien', 'Iran'], ['iranienne', 'Iran'], ['iraniens', 'Iran'], ['israélien', 'Israël'], ['israélienne', 'Israël'], ['israéliens', 'Israël'],
      ['turc', 'Turquie'], ['turque', 'Turquie'], ['turcs', 'Turquie'], ['européen', 'Union européenne'], ['européenne', 'Union européenne'], ['européens', 'Union européenne'],
    ]),
  };
}

function englishWords(): Omit<QuoteLexicon, 'lang' | 'verbs' | 'lemmas'> {
  return {
    determiners: SPLIT('the a an this that these those his her its their our my your some several many each every any no two three'),
    subjectPronouns: new Map<string, 'm' | 'f' | 'p' | 'x'>([
      ['he', 'm'], ['she', 'f'], ['they', 'p'], ['i', 'x'], ['we', 'p'], ['you', 'x'], ['it', 'x'],
    ]),
    auxiliaries: SPLIT("has have had is are was were will would could should can may might must did does do 's 've 'd 'll be been being also later then again"),
    negation: SPLIT("not n't never"),
    clitics: SPLIT(''),
    stops: SPLIT('that which who whom whose where when while and or but because since although though if as so than after before during for with without against by from into on in at about under over through between among despite unless until also however then'),
    complementizers: SPLIT('that'),
    relatives: SPLIT('who which'),
    coordinators: SPLIT('and or but'),
    npPrepositions: SPLIT("of for to at from 's ’s with"),
    addresseePrepositions: SPLIT('to'),
    fillers: SPLIT('monday tuesday wednesday thursday friday saturday sunday yesterday today tonight recently earlier later also again repeatedly previously publicly privately flatly bluntly simply then firmly strongly last week month year morning evening night afternoon'),
    adverbialPrepositions: SPLIT('in on at during after before via through to over'),
    roleNouns: SPLIT('president minister spokesman spokeswoman spokesperson secretary director chief head leader mayor senator representative congressman congresswoman governor candidate nominee prosecutor judge lawyer attorney expert analyst researcher professor chairman chairwoman chair official officials officer commander general adviser advisor aide diplomat ambassador chancellor king queen pope bishop witness resident protester activist founder ceo executive manager commissioner deputy strategist pollster economist strategist operative surrogate staffer man woman source sources campaign'),
    femaleMarkers: SPLIT('she her mrs ms miss madam spokeswoman congresswoman chairwoman queen woman businesswoman'),
    maleMarkers: SPLIT('he his mr sir spokesman congressman chairman king man businessman'),
    falsity: SPLIT('false falsely untrue lie lies lying baseless groundless absurd ridiculous nonsense fabricated fabrication fake bogus unfounded inaccurate wrong misleading denied denies deny hoax'),
    accusation: ['behind', 'responsible', 'orchestrat', 'fomented', 'interfer', 'meddl', 'conspir', 'terroris', 'disinformation', 'propaganda', 'manipulat', 'guilty', 'accus', 'blame', 'sabotag', 'threat', 'destabiliz', 'provok', 'attack', 'corrupt', 'fraud', 'crime', 'criminal', 'rigged', 'lied'],
    claimNouns: SPLIT('claim claims allegation allegations accusation accusations assertion assertions rumor rumors rumour rumours theory theories charge charges suggestion suggestions report reports'),
    claimIntroducers: ['that'],
    demonyms: new Map([
      ['russian', 'Russia'], ['american', 'United States'], ['u.s.', 'United States'], ['chinese', 'China'], ['french', 'France'], ['british', 'United Kingdom'],
      ['ukrainian', 'Ukraine'], ['german', 'Germany'], ['iranian', 'Iran'], ['israeli', 'Israel'], ['mexican', 'Mexico'], ['syrian', 'Syria'], ['kazakh', 'Kazakhstan'],
    ]),
  };
}

/**
 * Verbs of knowing, finding and showing that report what a source holds only through a content
 * clause: "the report found that …", "polls show that …", "he knows that …", "le sondage montre
 * que …", "elle a appris que …". They are cues with the frame 'that': a quote only with an
 * explicit "that"/"que" (no zero "that", no object noun phrase, no quote marks of their own), so
 * "found the keys" or "showed the video" stay out. Listed here, not in the generated verb table,
 * because the frame is a rule of this stage; forms come from the lemmatizer, plus the regular
 * English forms and the irregular ones below for raw text.
 */
const THAT_ONLY: Record<'fr' | 'en', string[]> = {
  en: ['show', 'find', 'know', 'expect', 'learn', 'understand', 'realize', 'realise', 'recognize', 'recognise', 'discover', 'assume', 'hear', 'determine', 'rule', 'demonstrate', 'prove', 'suspect', 'signal', 'doubt', 'reason'],
  fr: ['montrer', 'démontrer', 'prouver', 'découvrir', 'apprendre', 'comprendre', 'savoir', 'réaliser', 'deviner', 'soupçonner', 'douter', 'établir'],
};
const EN_IRREGULAR: Record<string, string[]> = {
  show: ['shown'], find: ['found'], know: ['knew', 'known'], learn: ['learnt'], understand: ['understood'], hear: ['heard'], prove: ['proven'],
};
const FR_FORMS: Record<string, string[]> = {
  montrer: ['montre', 'montrent', 'montré', 'montrait', 'montraient', 'montrant'], démontrer: ['démontre', 'démontrent', 'démontré'], prouver: ['prouve', 'prouvent', 'prouvé'],
  découvrir: ['découvre', 'découvrent', 'découvert'], apprendre: ['apprend', 'apprennent', 'appris'], comprendre: ['comprend', 'comprennent', 'compris'],
  savoir: ['sait', 'savent', 'savait', 'savaient', 'su', 'sachant'], réaliser: ['réalise', 'réalisé'], soupçonner: ['soupçonne', 'soupçonnent', 'soupçonné'], douter: ['doute', 'doutent', 'douté'],
  établir: ['établit', 'établi'],
};

function englishForms(lemma: string): string[] {
  const stem = lemma.endsWith('e') ? lemma.slice(0, -1) : lemma;
  const third = /(?:s|sh|ch|x|z|o)$/.test(lemma) ? `${lemma}es` : `${lemma}s`;
  return [lemma, third, `${stem}ed`, `${stem}ing`, ...(EN_IRREGULAR[lemma] ?? [])];
}

/** Adds the 'that'-only cues to a verb table, leaving every listed lemma as it is. */
function addThatOnly(lang: 'fr' | 'en', verbs: Map<string, VerbEntry>, lemmas: Map<string, VerbEntry>): void {
  for (const lemma of THAT_ONLY[lang]) {
    if (lemmas.has(lemma)) continue;
    const e: VerbEntry = { lemma, cls: 'opinion', frames: ['that'] };
    lemmas.set(lemma, e);
    for (const f of lang === 'en' ? englishForms(lemma) : [lemma, ...(FR_FORMS[lemma] ?? [])]) if (!verbs.has(f)) verbs.set(f, e);
  }
}

const cache = new Map<'fr' | 'en', QuoteLexicon>();

/** The lexicon of a language, read once from models/<lang>/quotes-verbs.tsv. */
export function loadQuoteLexicon(lang: 'fr' | 'en'): QuoteLexicon {
  let lex = cache.get(lang);
  if (lex) return lex;
  const path = modelPath(lang, 'quotes-verbs.tsv');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new VigieError(`cannot read the quote lexicon ${path} (rebuild it with: node dist/src/quotes/build-lexicon.js)`);
  }
  const verbs = readVerbTable(text);
  const lemmas = new Map<string, VerbEntry>();
  for (const e of verbs.values()) if (!lemmas.has(e.lemma)) lemmas.set(e.lemma, e);
  addThatOnly(lang, verbs, lemmas);
  lex = { lang, verbs, lemmas, ...(lang === 'fr' ? frenchWords() : englishWords()) };
  cache.set(lang, lex);
  return lex;
}
