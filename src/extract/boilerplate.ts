/**
 * Recognising boilerplate paragraphs by what they say: share/like appeals, newsletter and
 * donation appeals, "read the original article" links, separators, ads, copyright lines, comment
 * prompts, cookie notices. French and English vocabulary first, with the commonest German and
 * Spanish words. Each rule returns a short machine-readable reason. Rules only fire on short
 * paragraphs: a long paragraph that mentions sharing or newsletters is article text.
 */

/**
 * A RegExp whose `\b` means a Unicode word boundary (JavaScript's own `\b` only knows ASCII
 * letters, so "aimé\b" would never match).
 */
export function ure(source: string, flags = 'iu'): RegExp {
  const W = String.raw`[\p{L}\p{N}_]`;
  // A \b before a word character or a group opens a word; any other \b closes one.
  const out = source.replace(/\\b/g, (_m, at: number) => (/^[\p{L}\p{N}_(\\[]/u.test(source.slice(at + 2, at + 3)) ? `(?<!${W})` : `(?!${W})`));
  return new RegExp(out, flags.includes('u') ? flags : flags + 'u');
}

export interface BoilerplateRule {
  reason: string;
  /** Longest paragraph (characters) the rule applies to. */
  maxLen: number;
  test: RegExp;
}

const YOU = String.raw`(?:vous|votre|vos|tu|ton|te|you|your|ihr|ihre|sie|du|dein)`;

/** Rules that recognise a paragraph on its own, wherever it stands. Order matters: first match wins. */
export const BOILERPLATE_RULES: BoilerplateRule[] = [
  { reason: 'separator', maxLen: 400, test: /^[\s*=_~#\-–—•·.+|/\\<>^°]+$/u },
  {
    reason: 'original-link',
    maxLen: 220,
    test: ure(
      String.raw`(?:lire|voir|consulter|retrouve[rz]) (?:l[’']|cet )?article (?:original|d['’]origine|source)|article original|` +
        String.raw`\b(?:read|see|view) (?:the )?(?:original|full) (?:article|story|post)|original(?:ly)? (?:article|published|appeared)|` +
        String.raw`(?:article|story|post) (?:was |first |originally )+(?:published|appeared)|(?:initialement|d['’]abord) publié|` +
        String.raw`^(?:source|sources|via|traduction|traduit par|translated by|quelle|fuente)\s*[:：]|^(?:source|via)\s+\S+$`,
      'iu',
    ),
  },
  {
    reason: 'newsletter-appeal',
    maxLen: 300,
    test: ure(
      String.raw`newsletter|infolettre|lettre d['’]information|mailing list|\binbox\b|boîte (?:mail|de réception)|posteingang|` +
        String.raw`(?:\bsubscribe\b|\bsign(?:ing)? up\b|\babonne[zr](?:-vous)?\b|\binscri(?:vez|re|ption|vi(?:ez|ons))\b|abonnieren|anmelden|suscr[ií]b)` +
        String.raw`.{0,80}\b(?:e-?mails?|courriels?|updates|alerts|alertes|notifications|nachrichten|news|actualités|briefing)\b`,
    ),
  },
  {
    reason: 'donation-appeal',
    maxLen: 400,
    test: ure(
      String.raw`\b(?:paypal|tipeee|patreon|utip|liberapay|donate|donation|donations|faire un don|vos dons|votre don|` +
        String.raw`nous soutenir|soutenez|soutenir (?:notre|le) (?:site|travail|média|journal)|votre soutien|support (?:us|our)\b|` +
        String.raw`financements?\b|spenden|unterstützen sie|donar|donaciones|become a (?:member|patron|subscriber))`,
      'iu',
    ),
  },
  {
    reason: 'share-appeal',
    maxLen: 160,
    test: ure(
      String.raw`\b(?:partagez|partager|partage[zr]?-le|share|sharing|tweet(?:ez|er)?|teilen|compartir|retweet)\b` +
        String.raw`|(?:vous|tu) (?:avez )?aim(?:ez|é|er|es)\b.*\barticle|(?:like|liked|enjoy(?:ed)?) (?:this|the) (?:article|story|post)`,
      'iu',
    ),
  },
  {
    reason: 'social-appeal',
    maxLen: 160,
    test: ure(
      String.raw`\b(?:suivez|suivre|rejoignez|follow|join|folgen|keep up with|connect with|síguenos|siguenos)\b.{0,30}\b(?:nous|us|uns|me|moi|mich|en|on)\b|` +
        String.raw`\b(?:chat|talk|connect|write) (?:with|to) us\b|` +
        String.raw`\b(?:download|get|herunterladen|télécharge[zr]?|descarga|laden sie)\b.{0,80}\bapps?\b|\bapps?\b.{0,30}\b(?:ios|android|app store|google play)\b|` +
        String.raw`\b(?:facebook|twitter|instagram|telegram|linkedin|youtube|tiktok|whatsapp|vk|mastodon)\b.{0,40}\b(?:nous|us|uns|page|compte|account|channel|chaîne)\b|` +
        String.raw`^(?:facebook|twitter|instagram|telegram|linkedin|youtube|whatsapp|e-?mail|print|imprimer|pinterest|reddit)(?:[\s,|/•·]+(?:facebook|twitter|instagram|telegram|linkedin|youtube|whatsapp|e-?mail|print|imprimer|pinterest|reddit))*$`,
      'iu',
    ),
  },
  {
    reason: 'read-more',
    maxLen: 140,
    test: ure(String.raw`^(?:lire (?:aussi|également|la suite|plus)|à lire (?:aussi|également)|voir aussi|sur le même sujet|read (?:more|also|next)|see also|related(?: articles?| stories| posts)?|more (?:on|from|about)|continue reading|weiterlesen|mehr zum thema|lesen sie (?:auch|mehr)|das könnte sie auch interessieren|leer más|te puede interesar)\b`),
  },
  { reason: 'ad', maxLen: 40, test: /^(?:publicité|pub|advertisement|advertising|sponsored(?: content)?|contenu sponsorisé|anzeige|werbung|publicidad|ad)$/iu },
  { reason: 'ad', maxLen: 300, test: ure(String.raw`^(?:advertise (?:with|on)|advertising (?:info|inquiries)|annoncez|werben (?:sie )?(?:bei|auf)|anuncie)\b`) },
  { reason: 'copyright', maxLen: 400, test: /^(?:©|\(c\)\s|copyright\b)/iu },
  { reason: 'copyright', maxLen: 200, test: /©|\(c\) \d{4}|copyright|all rights reserved|tous droits réservés|alle rechte vorbehalten|todos los derechos reservados/iu },
  {
    reason: 'comment-prompt',
    maxLen: 120,
    test: ure(
      String.raw`^(?:\d+\s+)?(?:comments?|commentaires?|kommentare?|comentarios?)\s*(?:\(\d+\))?$|leave a (?:comment|reply)|laisse[rz] un commentaire|post a comment|add (?:a )?comment|réagi(?:r|ssez)|kommentar schreiben|deja un comentario|` +
        String.raw`\b(?:einloggen|anmelden|log ?in|logged in|sign in|connectez-vous|connecté|registrieren sie sich|register)\b.{0,80}\b(?:kommentar\p{L}*|comment\p{L}*|diskussion|discussion|réagir|netiquette)|` +
        String.raw`\b(?:kommentar\p{L}*|comment\p{L}*|diskussion|discussion)\b.{0,80}\b(?:einloggen|anmelden|log ?in|logged in|sign in|registrier\p{L}*|connect\p{L}*)\b`,
    ),
  },
  {
    reason: 'cookie-notice',
    maxLen: 600,
    test: ure(
      String.raw`\bcookies?\b.*\b(?:accept|agree|consent|continu|akzeptier|zustimm|einverstanden|accepte|poursui|en savoir plus|learn more|mehr erfahren)|` +
        String.raw`\b(?:accept|accepter|akzeptieren|agree)\b.*\bcookies?\b`,
    ),
  },
  {
    reason: 'credit',
    maxLen: 160,
    test: ure(
      String.raw`^(?:photo|photos|photograph|image|images|picture|crédits?|credits?|illustration|foto|fotos|bild|bilder|titelbild|beitragsbild|headerbild|video|vidéo|quelle|source|grafik)\s*(?:[:©]|by\b|par\b|von\b|credit\b)|` +
        String.raw`\((?:photo|foto|bild|image|picture|credit|crédit|quelle)s?\s*[:©][^)]{1,60}\)\s*$`,
    ),
  },
  {
    reason: 'metadata',
    maxLen: 250,
    test: ure(
      String.raw`^(?:themen|tags?|schlagw(?:ö|oe)rter|kategorien?|categories|category|rubriques?|catégories?|mots[- ]clés|étiquettes|etiquetas|filed under|posted in)\s*:|` +
        String.raw`^(?:this (?:entry|post|article) was (?:posted|published|filed)|(?:der|dieser) (?:beitrag|artikel|eintrag) wurde .{0,80}(?:veröffentlicht|abgelegt|erstellt)|bookmark the permalink)`,
    ),
  },
  {
    reason: 'license',
    maxLen: 250,
    test: ure(
      String.raw`\b(?:cc[- ]by(?:[- ][a-z]{2})*|creative commons|lizenz|license|licence|licencia)\b.{0,120}\b(?:dieser (?:website|seite|text|beitrag)|this (?:site|website|article|text|work|post)|ce (?:site|texte|article)|este (?:sitio|texto))\b|` +
        String.raw`\b(?:dieser (?:website|seite|text|beitrag)|this (?:site|website|article|text|work|post)|ce (?:site|texte|article)|este (?:sitio|texto))\b.{0,120}\b(?:cc[- ]by|creative commons|lizenz|license|licence|licencia)`,
    ),
  },
  {
    reason: 'subscription-appeal',
    maxLen: 200,
    test: ure(
      String.raw`^(?:subscribe|abonnez-vous|abonnieren sie|jetzt abonnieren|werden sie mitglied|become a (?:member|subscriber)|devenez (?:membre|abonné))|` +
        String.raw`\b(?:subscribe|abonnieren|abonnez-vous|suscríbete)\b.{0,10}\b(?:now|today|jetzt|heute|maintenant|dès maintenant|ahora)\b`,
    ),
  },
];

/** The reason a short paragraph is boilerplate, judged from its text alone, or null. */
export function boilerplateReason(text: string): string | null {
  const t = text.trim();
  if (t.length === 0) return null;
  for (const rule of BOILERPLATE_RULES) {
    if (t.length <= rule.maxLen && rule.test.test(t)) return rule.reason;
  }
  return null;
}

const READER = ure(String.raw`\b${YOU}\b|\b\p{L}+ez\b(?:-(?:vous|nous|le|la|les))?|\b\p{L}+-(?:vous|nous|le|la)\b|\b(?:please|click|tap|join|follow|help|sign)\b`);

/** True when a paragraph addresses the reader (second person, imperative) — typical of appeals. */
export function addressesReader(text: string): boolean {
  return READER.test(text);
}

/**
 * Short lines that open what follows an article: related-article lists, comments, tags, author
 * boxes, share bars. Used to cut an article container's tail once most of the text is behind.
 */
const END_MARKER = ure(
  String.raw`^(?:` +
    String.raw`related(?: (?:articles?|stories|posts|content|news|topics|coverage))?|read (?:more|also|next)|more (?:stories|articles|news|from|on|to read|like this)|` +
    String.raw`(?:latest|recent|top|trending|popular) (?:news|articles|stories|posts|videos)|recommended(?: for you| stories| articles)?|` +
    String.raw`you (?:may|might) (?:also )?(?:like|enjoy|be interested)|don['’]t miss|most (?:read|popular|viewed|shared)|` +
    String.raw`(?:à )?lire aussi|(?:à )?lire également|sur le même (?:sujet|thème)|dans la même rubrique|les plus (?:lus|partagés)|nos derniers articles|` +
    String.raw`articles? (?:similaires|liés|associés|connexes)|vous aimerez aussi|(?:vous )?(?:pourriez|pourrez) aussi aimer|` +
    String.raw`auch interessant|(?:das )?könnte (?:dich|sie|euch) auch interessieren|neueste (?:artikel|beiträge|nachrichten)|` +
    String.raw`weitere (?:artikel|beiträge|nachrichten|news|themen)|ähnliche (?:artikel|beiträge)|mehr (?:zum thema|aus|zu)|meistgelesen|` +
    String.raw`empfehlungen(?: aus)?|schon gelesen|das (?:könnte|dürfte)|te puede interesar|notas relacionadas|artículos relacionados|noticias relacionadas|lo más (?:leído|visto)|` +
    String.raw`\d*\s*(?:comments?|kommentare?|commentaires?|comentarios?|responses?|réactions?|replies)|leave a (?:reply|comment)|` +
    String.raw`tags?|tagged(?: with| in)?|schlagw(?:ö|oe)rter|mots[- ]clés|étiquettes|themen|topics|filed under|` +
    String.raw`about the authors?|über (?:den|die) autor(?:in)?|à propos de l['’]auteur|l['’]auteur|the author|der autor|die autorin|` +
    String.raw`share(?: this(?: article| story| post)?)?|partager(?: cet article)?|teilen|artikel teilen|compartir` +
    String.raw`)\s*[:.!…]*$`,
);

/** True when a short line opens the material that follows an article (related lists, comments...). */
export function isEndMarker(text: string): boolean {
  const t = text.trim();
  return t.length <= 60 && END_MARKER.test(t);
}
