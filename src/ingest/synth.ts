/**
 * Synthetic-but-realistic news articles for tests, benchmarks and load scripts: French (and
 * some English) paragraphs with people, places, organisations, quotes with speakers and cues,
 * accusations and denials. With `sentences` (e.g. treebank sentences) the body is made of those
 * instead, around generated headline, quote and claim sentences. Deterministic for a seed.
 */
import { seededRandom as rng } from '../learn/random.js';

const FR_PEOPLE = [
  'Emmanuel Macron', 'Élisabeth Borne', 'Gabriel Attal', 'Marine Le Pen', 'Jean-Luc Mélenchon', 'Bruno Le Maire',
  'Anne Hidalgo', 'Gérald Darmanin', 'Rachida Dati', 'François Bayrou', 'Valérie Pécresse', 'Olivier Faure',
];
const EN_PEOPLE = ['Joe Biden', 'Rishi Sunak', 'Jane Doe', 'Keir Starmer', 'Janet Yellen', 'Olaf Scholz'];
const FR_PLACES = ['Paris', 'Lyon', 'Marseille', 'Bruxelles', 'Berlin', 'Strasbourg', 'Bordeaux', 'Lille', 'Toulouse', 'Nantes'];
const EN_PLACES = ['London', 'Washington', 'New York', 'Manchester', 'Brussels', 'Berlin'];
const FR_ORGS = ['la Commission européenne', "l'Assemblée nationale", 'le Sénat', 'la Banque de France', "l'Insee", 'la SNCF'];
const FR_TOPICS = ['la réforme des retraites', 'le budget de la santé', "l'inflation", 'la transition énergétique', 'le logement', "l'école"];
const EN_TOPICS = ['interest rates', 'the housing market', 'energy prices', 'the budget deficit', 'trade talks'];
const FR_CUES = ['a déclaré', 'a affirmé', 'a estimé', 'a assuré', 'a expliqué', 'a prévenu'];
const EN_CUES = ['said', 'told reporters', 'warned', 'explained'];
const FR_DAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];

/** The shared seeded generator, under the name the synthetic-corpus code uses. */
export { rng };

export interface SynthArticle {
  /** File name stem, unique. */
  name: string;
  lang: 'fr' | 'en';
  title: string;
  text: string;
  html: string;
  date: string;
  site: string;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface SynthOptions {
  seed?: number;
  /** Body sentences to draw from: one list for both languages, or one per language. */
  sentences?: string[] | { fr: string[]; en: string[] };
  /** Share of English articles (default 0.2). */
  englishShare?: number;
}

export function synthArticle(i: number, opts: SynthOptions = {}): SynthArticle {
  const r = rng((opts.seed ?? 1) * 1_000_003 + i);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const en = r() < (opts.englishShare ?? 0.2);
  const pool = Array.isArray(opts.sentences) ? opts.sentences : opts.sentences ? (en ? opts.sentences.en : opts.sentences.fr) : undefined;
  const month = 1 + Math.floor(r() * 12);
  const day = 1 + Math.floor(r() * 28);
  const date = `2024-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const paras: string[] = [];
  let title: string;
  let site: string;
  if (!en) {
    const p1 = pick(FR_PEOPLE);
    let p2 = pick(FR_PEOPLE);
    if (p2 === p1) p2 = FR_PEOPLE[(FR_PEOPLE.indexOf(p1) + 1) % FR_PEOPLE.length];
    const place = pick(FR_PLACES);
    const topic = pick(FR_TOPICS);
    const org = pick(FR_ORGS);
    site = pick(['Le Quotidien', 'La Gazette', 'Info Matin', "L'Observateur"]);
    title = `${p1} défend ${topic} à ${place} (n° ${i})`;
    paras.push(
      `${p1} s'est rendu ${pick(FR_DAYS)} à ${place} pour présenter ${topic}, un dossier suivi de près par ${org}. ` +
        `Selon ${org}, les premiers effets devraient se faire sentir d'ici ${2025 + Math.floor(r() * 4)}.`,
    );
    paras.push(`« Nous ne reculerons pas sur ${topic} », ${pick(FR_CUES)} ${p1} devant la presse. ${p2} a qualifié le projet de « dangereux ».`);
    if (pool && pool.length) {
      for (let k = 0; k < 3; k++) {
        const n = 2 + Math.floor(r() * 4);
        const ss: string[] = [];
        for (let j = 0; j < n; j++) ss.push(pick(pool));
        paras.push(ss.join(' '));
      }
    } else {
      paras.push(
        `Le texte doit être examiné par ${org} au cours du mois. Les syndicats de ${place} ont appelé à manifester, ` +
          `tandis que plusieurs élus locaux réclament davantage de moyens pour ${topic}.`,
      );
    }
    paras.push(`${p2} accuse le gouvernement de ${pick(['mentir', 'dissimuler les chiffres', 'tromper les électeurs'])}. Le ministère dément toute manipulation.`);
  } else {
    const p1 = pick(EN_PEOPLE);
    const place = pick(EN_PLACES);
    const topic = pick(EN_TOPICS);
    site = pick(['The Ledger', 'Morning Wire', 'City Post']);
    title = `${p1} speaks on ${topic} in ${place} (no. ${i})`;
    paras.push(`${p1} travelled to ${place} on Monday to discuss ${topic} with business leaders and officials.`);
    paras.push(`"We will not back down on ${topic}," ${p1} ${pick(EN_CUES)}. Critics accused the government of hiding the figures.`);
    if (pool && pool.length) {
      const ss: string[] = [];
      for (let j = 0; j < 3; j++) ss.push(pick(pool));
      paras.push(ss.join(' '));
    } else {
      paras.push(`Markets in ${place} reacted calmly, and analysts expect further talks on ${topic} next month.`);
    }
  }
  const text = [title, ...paras].join('\n\n') + '\n';
  const html =
    `<!doctype html><html lang="${en ? 'en' : 'fr'}"><head><meta charset="utf-8"><title>${escapeHtml(title)} | ${escapeHtml(site)}</title>` +
    `<meta property="og:site_name" content="${escapeHtml(site)}"><meta property="article:published_time" content="${date}T08:00:00Z"></head>` +
    `<body><nav><a href="/">Accueil</a> <a href="/politique">Politique</a></nav><article><h1>${escapeHtml(title)}</h1>` +
    paras.map((p) => `<p>${escapeHtml(p)}</p>`).join('') +
    `</article><footer>© ${escapeHtml(site)} — Tous droits réservés</footer></body></html>`;
  return { name: `article-${String(i).padStart(6, '0')}`, lang: en ? 'en' : 'fr', title, text, html, date, site };
}
