/**
 * A small self-written development set of modern news-style paragraphs (French and English),
 * written for this project (no third-party text), with gold entity spans and a few coreference
 * expectations. It stands in for the modern news we do not have: wire style with titles before
 * names, ministries and institutions, companies, parties, unions, acronyms, stock exchanges,
 * sports clubs, events and products.
 *
 * Three parts per language: `dev` (errors looked at while writing the rules), `check` (written at
 * the same time, before any rule, and only measured) and `check2` (written after the rules, only
 * measured once), so that the check figures say something about rules not fitted to them.
 *
 * Markup: `[TYPE text]` marks a gold span (TYPE = PER, ORG, LOC, MISC). Span conventions follow
 * WikiNEuRal/CoNLL and the sample article's gold: titles and determiners are outside the span
 * ("le [PER ...]", "Treasury Secretary [PER Janet Yellen]" with [ORG Treasury]), a ministry is one
 * ORG with its complement ("[ORG ministère des Armées]"), products and events are MISC. Demonyms
 * ("allemand", "Americans") are not marked: vigie makes them attributes of their country.
 */
import type { EntityType } from '../document.js';

export interface NewsDevCoref {
  /** The pronoun or role-noun mention's text, as written. */
  mention: string;
  /** Which occurrence of that text in the paragraph (0 = first). */
  occurrence?: number;
  /** Canonical name of the entity it refers to. */
  entity: string;
}

export interface NewsDevParagraph {
  lang: 'fr' | 'en';
  part: 'dev' | 'check' | 'check2';
  marked: string;
  coref?: NewsDevCoref[];
}

export interface GoldSpan {
  start: number;
  end: number;
  type: EntityType;
}

/** Plain text and gold spans (UTF-16 offsets into the plain text) of a marked paragraph. */
export function parseMarked(marked: string): { text: string; gold: GoldSpan[] } {
  const re = /\[(PER|ORG|LOC|MISC) ([^\]]+)\]/g;
  let text = '';
  const gold: GoldSpan[] = [];
  let last = 0;
  for (let m = re.exec(marked); m; m = re.exec(marked)) {
    text += marked.slice(last, m.index);
    gold.push({ start: text.length, end: text.length + m[2].length, type: m[1] as EntityType });
    text += m[2];
    last = m.index + m[0].length;
  }
  text += marked.slice(last);
  return { text, gold };
}

export const NEWS_DEV: NewsDevParagraph[] = [
  // French, dev.
  {
    lang: 'fr',
    part: 'dev',
    marked:
      "Le [ORG ministère des Armées] a annoncé jeudi la livraison de douze canons [MISC Caesar] supplémentaires à l'[LOC Ukraine]. " +
      'Le ministre, [PER Sébastien Lecornu], s\'est rendu à [LOC Kiev] pour rencontrer son homologue ukrainien.',
    coref: [{ mention: 'Le ministre', entity: 'Sébastien Lecornu' }],
  },
  {
    lang: 'fr',
    part: 'dev',
    marked:
      'Les syndicats [ORG CGT] et [ORG CFDT] appellent à une nouvelle journée de grève le 12 mars contre la réforme des retraites. ' +
      '[PER Sophie Binet], secrétaire générale de la [ORG CGT], a dénoncé « un passage en force » du gouvernement d\'[PER Élisabeth Borne].',
  },
  {
    lang: 'fr',
    part: 'dev',
    marked:
      "[PER Emmanuel Macron] a reçu [PER Olaf Scholz] à l'[LOC Élysée] mardi soir. « L'[LOC Europe] doit se réarmer », a déclaré le chef de l'État à l'issue du dîner. " +
      "Il a ajouté que la [LOC France] augmenterait son budget militaire. Le chancelier allemand s'est montré plus prudent.",
    coref: [
      { mention: "le chef de l'État", entity: 'Emmanuel Macron' },
      { mention: 'Il', entity: 'Emmanuel Macron' },
      { mention: 'Le chancelier allemand', entity: 'Olaf Scholz' },
    ],
  },
  {
    lang: 'fr',
    part: 'dev',
    marked:
      'À la [ORG Bourse de Paris], le [MISC CAC 40] a cédé 1,2 % vendredi, plombé par [ORG LVMH] et [ORG TotalEnergies]. ' +
      "Le titre de [ORG Renault] a en revanche progressé de 3 % après l'annonce d'un partenariat avec le chinois [ORG Geely].",
  },
  {
    lang: 'fr',
    part: 'dev',
    marked:
      "Le [ORG Paris Saint-Germain] s'est imposé 2-0 face à l'[ORG Olympique de Marseille] dimanche au [LOC Parc des Princes]. " +
      "[PER Kylian Mbappé] a inscrit un doublé. L'entraîneur [PER Luis Enrique] a salué « un match sérieux ».",
    coref: [{ mention: "L'entraîneur", entity: 'Luis Enrique' }],
  },
  {
    lang: 'fr',
    part: 'dev',
    marked:
      'La [ORG Banque centrale européenne] ([ORG BCE]) a maintenu ses taux directeurs inchangés jeudi. ' +
      'Sa présidente, [PER Christine Lagarde], a estimé que l\'inflation restait « trop élevée » dans la zone euro. Elle s\'exprimait à [LOC Francfort].',
    coref: [{ mention: 'Elle', entity: 'Christine Lagarde' }],
  },
  // French, check.
  {
    lang: 'fr',
    part: 'check',
    marked:
      "Le [ORG Rassemblement national] et [ORG La France insoumise] ont déposé chacun une motion de censure à l'[ORG Assemblée nationale]. " +
      '[PER Marine Le Pen] a accusé le Premier ministre [PER Gabriel Attal] de « mépriser le [ORG Parlement] ».',
    coref: [{ mention: 'le Premier ministre', entity: 'Gabriel Attal' }],
  },
  {
    lang: 'fr',
    part: 'check',
    marked:
      "Le [ORG ministère de l'Intérieur] a recensé 3 200 interpellations lors des manifestations du week-end à [LOC Lyon], [LOC Nantes] et [LOC Bordeaux]. " +
      "Le ministre [PER Gérald Darmanin] a salué le travail des forces de l'ordre. Selon la [ORG préfecture de police de Paris], le cortège parisien a réuni 45 000 personnes.",
    coref: [{ mention: 'Le ministre', entity: 'Gérald Darmanin' }],
  },
  {
    lang: 'fr',
    part: 'check',
    marked:
      '[ORG Airbus] a livré 735 appareils en 2023, devant son concurrent américain [ORG Boeing]. ' +
      "Le directeur général du groupe, [PER Guillaume Faury], a présenté les résultats à [LOC Toulouse]. L'[MISC A320neo] reste l'avion le plus vendu.",
  },
  {
    lang: 'fr',
    part: 'check',
    marked:
      "L'[ORG Organisation des Nations unies] ([ORG ONU]) a appelé à un cessez-le-feu immédiat à [LOC Gaza]. " +
      'Son secrétaire général, [PER António Guterres], a rencontré le président égyptien [PER Abdel Fattah al-Sissi] au [LOC Caire]. ' +
      "Il a plaidé pour l'ouverture du terminal de [LOC Rafah].",
    coref: [
      { mention: 'le président égyptien', entity: 'Abdel Fattah al-Sissi' },
      { mention: 'Il', entity: 'António Guterres' },
    ],
  },
  {
    lang: 'fr',
    part: 'check',
    marked:
      'Le [MISC Tour de France] partira de [LOC Florence] le 29 juin. [PER Tadej Pogačar], vainqueur en 2020 et 2021, visera un troisième titre avec ' +
      "l'équipe [ORG UAE Emirates]. La [ORG SNCF] prévoit des trains supplémentaires vers les [LOC Alpes].",
  },
  {
    lang: 'fr',
    part: 'check',
    marked:
      'Le [ORG Conseil constitutionnel] a censuré jeudi une partie de la loi immigration. Son président, [PER Laurent Fabius], a rappelé que ' +
      "« le droit d'asile est un principe constitutionnel ». La décision a été saluée par la [ORG Ligue des droits de l'homme].",
  },
  // English, dev.
  {
    lang: 'en',
    part: 'dev',
    marked:
      '[ORG Federal Reserve] Chair [PER Jerome Powell] said on Wednesday that the [ORG Fed] would keep interest rates unchanged. ' +
      '[ORG Treasury] Secretary [PER Janet Yellen] told reporters in [LOC Washington] that she expected inflation to ease. Stocks rose on the [ORG Nasdaq] after the announcement.',
    coref: [{ mention: 'she', entity: 'Janet Yellen' }],
  },
  {
    lang: 'en',
    part: 'dev',
    marked:
      'The [ORG European Commission] fined [ORG Google] 2.4 billion euros for abusing its dominance in online shopping. ' +
      'Competition Commissioner [PER Margrethe Vestager] said the company had denied other businesses a fair chance. ' +
      "[ORG Alphabet], [ORG Google]'s parent, said it would appeal to the [ORG General Court] in [LOC Luxembourg].",
  },
  {
    lang: 'en',
    part: 'dev',
    marked:
      '[ORG Manchester United] beat [ORG Liverpool] 2-1 at [LOC Old Trafford] on Sunday. [PER Marcus Rashford] scored the winner in the 85th minute. ' +
      "[ORG United] manager [PER Erik ten Hag] praised his players' resilience.",
    coref: [{ mention: 'his', entity: 'Erik ten Hag' }],
  },
  {
    lang: 'en',
    part: 'dev',
    marked:
      'The [ORG Department of Justice] sued [ORG Apple] on Thursday, accusing the [MISC iPhone] maker of monopolizing the smartphone market. ' +
      'Attorney General [PER Merrick Garland] said consumers had paid higher prices. [ORG Apple] shares fell 4% in [LOC New York].',
  },
  {
    lang: 'en',
    part: 'dev',
    marked:
      '[ORG NATO] Secretary General [PER Jens Stoltenberg] met Ukrainian President [PER Volodymyr Zelensky] in [LOC Kyiv] on Monday. ' +
      "He promised more air defense systems. The [ORG Kremlin] said the visit would not change [LOC Russia]'s plans.",
    coref: [{ mention: 'He', entity: 'Jens Stoltenberg' }],
  },
  {
    lang: 'en',
    part: 'dev',
    marked:
      '[ORG Microsoft] agreed to buy [ORG Activision Blizzard], the maker of [MISC Call of Duty], for $69 billion. ' +
      "The deal was cleared by [LOC Britain]'s [ORG Competition and Markets Authority] after months of review. " +
      "[PER Satya Nadella], [ORG Microsoft]'s chief executive, called it a milestone for the gaming industry.",
  },
  // English, check.
  {
    lang: 'en',
    part: 'check',
    marked:
      'The [ORG Bank of England] raised its key rate to 5.25% on Thursday, the 14th increase in a row. Governor [PER Andrew Bailey] said the ' +
      '[ORG Monetary Policy Committee] was not yet confident that inflation had peaked. The pound edged higher against the dollar in [LOC London] trading.',
  },
  {
    lang: 'en',
    part: 'check',
    marked:
      '[ORG Senate] Majority Leader [PER Chuck Schumer] said his party would block the bill. [ORG House] Speaker [PER Mike Johnson], a lawmaker from ' +
      '[LOC Louisiana], accused the [ORG White House] of refusing to negotiate. President [PER Joe Biden] is expected to veto any measure that cuts funding for [LOC Ukraine].',
    coref: [{ mention: 'his', entity: 'Chuck Schumer' }],
  },
  {
    lang: 'en',
    part: 'check',
    marked:
      '[ORG Tesla] reported record deliveries in the fourth quarter, the company said in a statement from [LOC Austin], [LOC Texas]. ' +
      'Chief Executive [PER Elon Musk] has promised a cheaper model built in [LOC Mexico]. Shares of [ORG Tesla] rose 3% on [LOC Wall Street].',
  },
  {
    lang: 'en',
    part: 'check',
    marked:
      'The [ORG World Health Organization] declared the end of the mpox emergency on Friday. Director-General [PER Tedros Adhanom Ghebreyesus] told a news ' +
      'conference in [LOC Geneva] that cases had fallen by 90%. The [ORG Centers for Disease Control and Prevention] ([ORG CDC]) urged Americans to get vaccinated.',
  },
  {
    lang: 'en',
    part: 'check',
    marked:
      '[ORG Real Madrid] won the [MISC Champions League] for a record 15th time after beating [ORG Borussia Dortmund] 2-0 at [LOC Wembley]. ' +
      '[PER Carlo Ancelotti] became the first coach to win the trophy five times. [ORG UEFA] President [PER Aleksander Ceferin] presented the cup.',
  },
  {
    lang: 'en',
    part: 'check',
    marked:
      '[ORG Amazon] will cut 9,000 more jobs, Chief Executive [PER Andy Jassy] wrote in a memo to staff. The cuts affect [ORG Amazon Web Services] ' +
      'and the advertising unit. Last year the company, based in [LOC Seattle], laid off 18,000 workers.',
  },
  // French, check2 (written after the rules; measured, never looked at for rule design).
  {
    lang: 'fr',
    part: 'check2',
    marked:
      "La [ORG Commission européenne] a ouvert mardi une enquête visant [ORG Meta] pour pratiques anticoncurrentielles. " +
      "[PER Thierry Breton], commissaire au Marché intérieur, a averti que le groupe californien risquait une lourde amende. " +
      "À [LOC Bruxelles], le porte-parole de la [ORG Commission] a précisé qu'aucune décision ne serait prise avant l'été.",
  },
  {
    lang: 'fr',
    part: 'check2',
    marked:
      "Le ministre de l'Économie, [PER Bruno Le Maire], a présenté mercredi le projet de loi de finances devant le [ORG Sénat]. " +
      "Il prévoit une baisse des impôts de production. La [ORG Cour des comptes] juge cette trajectoire « peu crédible ».",
    coref: [
      { mention: "Le ministre", entity: 'Bruno Le Maire' },
      { mention: 'Il', entity: 'Bruno Le Maire' },
    ],
  },
  {
    lang: 'fr',
    part: 'check2',
    marked:
      "L'[ORG Olympique lyonnais] a été battu 3-1 par le [ORG Stade rennais] samedi soir au [LOC Roazhon Park]. " +
      "[PER Martin Terrier] a marqué deux fois. L'entraîneur lyonnais, [PER Pierre Sage], a reconnu « une soirée compliquée ».",
    coref: [{ mention: "L'entraîneur lyonnais", entity: 'Pierre Sage' }],
  },
  {
    lang: 'fr',
    part: 'check2',
    marked:
      "La [ORG SNCF] et la [ORG RATP] ont annoncé un renforcement des contrôles pendant les [MISC Jeux olympiques] de [LOC Paris]. " +
      "[PER Valérie Pécresse], présidente de la région [LOC Île-de-France], a demandé davantage de trains vers [LOC Saint-Denis].",
  },
  // English, check2 (written after the rules; measured, never looked at for rule design).
  {
    lang: 'en',
    part: 'check2',
    marked:
      'The [ORG Securities and Exchange Commission] charged [ORG Binance] and its founder [PER Changpeng Zhao] on Monday. ' +
      '[ORG SEC] Chair [PER Gary Gensler] said the exchange had misled investors. Bitcoin fell 5% in [LOC Asia] trading.',
  },
  {
    lang: 'en',
    part: 'check2',
    marked:
      'Prime Minister [PER Rishi Sunak] told the [ORG House of Commons] that the [ORG Conservative Party] would hold its conference in [LOC Manchester]. ' +
      'Labour leader [PER Keir Starmer] said he would call for an early election.',
    coref: [{ mention: 'he', entity: 'Keir Starmer' }],
  },
  {
    lang: 'en',
    part: 'check2',
    marked:
      '[ORG Boeing] shares dropped after the [ORG Federal Aviation Administration] grounded 171 [MISC 737 Max 9] jets. ' +
      '[ORG FAA] Administrator [PER Mike Whitaker] said safety came first. [ORG Alaska Airlines] canceled hundreds of flights from [LOC Portland].',
  },
  {
    lang: 'en',
    part: 'check2',
    marked:
      '[ORG Arsenal] moved top of the [MISC Premier League] with a 2-0 win over [ORG Chelsea] at the [LOC Emirates Stadium]. ' +
      '[PER Bukayo Saka] scored both goals. Manager [PER Mikel Arteta] said his team had shown character.',
    coref: [{ mention: 'his', entity: 'Mikel Arteta' }],
  },
];
