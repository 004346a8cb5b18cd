/*
 * antecedent.c: which entity a pronoun means, chosen by the trained
 * scorer (score.h) rather than by a fixed rule.
 *
 * The candidates are the entities named before the pronoun: the people
 * table's recent entries (people.h), grouped by their fullest name, each
 * described by how recent, how salient and how name-like it is. Gender is
 * a hard filter on the entity (a name of the other gender, by its first
 * name, its title or the role given with it, is never a candidate), the
 * rest are features. What the scan of names leaves out is read here from
 * the sentences (French): a name is salient as the subject of its clause
 * ("X, directeur de …, semble") or the source of a "selon"; a description
 * that repeats a role given with a name ("le ministre de la Santé") is a
 * mention of that person; a first name alone that is a subject
 * ("Catarina contemple") is a candidate. The one the cue speaks to ("à
 * X") is none. The highest score wins; ties go to the most recent.
 * The training tool reads the same candidates through the trace
 * (DIXIT_FORMAT_FEATURES), so what is learned is what runs.
 */
#include "alloc.h"
#include "analysis.h"
#include "engine.h"
#include "lexicon.h"
#include "mentions.h"
#include "people.h"
#include "score.h"
#include "segment.h"
#include "utf8.h"

#define CAND_MAX 9      /* entities compared, the most recent first */
#define SCAN_BACK 48    /* scanned names read back from the pronoun */
#define NOTED_BACK 256  /* noted speakers read back */
#define GATHER_MAX 16   /* entities gathered before the gender filter */
#define DESC_SENTS 6    /* sentences read back for descriptions of candidates */
#define DESC_TOKENS 240 /* and tokens, at most */
#define HOLDER_SENTS 2  /* sentences back to the name a role no one is given may mean */

typedef struct cand {
    const char *name;             /* fullest name: the key */
    person *first;                /* the entry it was gathered from first
                                     (whose canon is name) */
    uint32_t last, last_end;      /* bytes of its last mention before the pronoun */
    uint32_t last_sal;            /* of its last salient mention; 0 with sal_any false */
    uint8_t count, gender, shape; /* shape: PS_* of any mention, or'ed */
    uint8_t first_shape;          /* PS_* of its last mention */
    uint8_t noted_gender;         /* the gender its noted speakers were given */
    bool sal_last, sal_any, spoke;
    const lex_entry *role; /* the role it was given, if any */
    uint32_t role_at;      /* byte of the mention that gave it the role */
} cand;

/* The fullest name of a person entry, found once and kept: a surname alone
 * takes the fullest name that ends with it (by_surname reads a chain of
 * entries, and every pronoun reads dozens of entries). */
static const char *full_name(const mention_table *mt, person *q)
{
    if (q->canon)
        return q->canon;
    const person *f =
        memchr(q->full, ' ', q->full_len) ? NULL : by_surname(mt, q->surname, q->surname_len, q->gender);
    const char *name = f ? f->full : q->full;
    /* the same name, one pointer: candidates and voices compare as pointers */
    q->canon = same_name_first(mt, name, f ? f->full_len : q->full_len);
    return q->canon;
}

/* A name that ends in a word of an organisation, a group or a document
 * ("North American Free Trade Agreement", "Senate Intelligence
 * Committee"), or opens with a quantifier ("Most Americans"): in English
 * no "he" or "she" means it. */
static bool named_thing(const analysis *an, const char *name)
{
    if (!name)
        return false;
    const char *w = strrchr(name, ' ');
    w = w ? w + 1 : name;
    const lex_entry *e = lex_get(an->lx, w, strlen(w));
    /* ("Most Americans", "Many Republicans": a quantifier opens a group) */
    const char *sp = strchr(name, ' ');
    const lex_entry *first = sp ? lex_get(an->lx, name, (size_t)(sp - name)) : NULL;
    return lex_has(e, LANG_EN, LX_ORG) || lex_has(e, LANG_EN, LX_GROUP) ||
           (first && (first->wc[LANG_EN] & WC_SOME));
}

/* named_thing of an entry's fullest name, name, read once and kept on the
 * entry: every gendered English pronoun asks it of each candidate, and a
 * name was looked up again for every pronoun after it (two lexicon
 * lookups and a string scan each time). */
static bool thing_of(const analysis *an, person *q, const char *name)
{
    if (!(q->read & PR_THING_READ))
        q->read |= PR_THING_READ | (named_thing(an, name) ? PR_THING : 0);
    return (q->read & PR_THING) != 0;
}

static bool gender_clash(uint8_t pron, uint8_t g)
{
    return (pron == G_MASC && g == G_FEM) || (pron == G_FEM && g == G_MASC);
}

/* ------------------------------------------------------------------ */
/* Where a mention stands in its clause                                 */

/* A word that can open the verb of a clause after its subject: an
 * auxiliary, a clitic ("se", "lui", "ne"), or a lowercase word that is no
 * function word, role, date or preposition ("contemple", "semble"). */
static bool verb_like(const analysis *an, size_t k)
{
    if (k >= an->ntoks || an->toks[k].kind != TK_WORD || (an->toks[k].flags & TF_CAP))
        return false;
    if (tok_has(an, k, LX_AUX) || tok_class(an, k, WC_REFLEXIVE | WC_CLITIC | WC_NE))
        return true;
    if (tok_has(an, k, LX_ADV) && k + 1 < an->ntoks && an->toks[k + 1].sent == an->toks[k].sent)
        return tok_has(an, k + 1, LX_AUX) || (!tok_has(an, k + 1, LX_STOP | LX_DET | LX_LINKER | LX_PREP) &&
                                              an->toks[k + 1].kind == TK_WORD);
    return !tok_has(an, k, LX_STOP | LX_DET | LX_LINKER | LX_PREP | LX_ROLE | LX_TIME | LX_ADV | LX_PRONOUN);
}

/* Does token k open a clause, so that the noun phrase after it may be
 * its subject: the sentence's start, a comma, a coordinator or a
 * subordinator ("et", "mais", "qu'", "lorsque")? */
static bool clause_opens_after(const analysis *an, size_t k, size_t sent_start)
{
    if (k < sent_start || an->toks[k].sent != an->toks[sent_start].sent)
        return true;
    if (an->toks[k].kind == TK_PUNCT)
        return tok_is_punct(an, k, ',') || tok_is_punct(an, k, ';') || tok_is_punct(an, k, ':') ||
               tok_is_punct(an, k, '(');
    return tok_class(an, k, WC_AND | WC_BUT | WC_THAT | WC_SUBORD | WC_WHILE);
}

/* Does the comma at token `comma` close a complement whose head is a
 * role ("portée par le patron du parti, Paul Roy, va …"), so that the
 * name after it is that complement's apposition, not a subject? */
static bool apposition_of_complement(const analysis *an, size_t comma, size_t st)
{
    for (size_t k = comma; k > st && k + 12 > comma; k--) {
        size_t r = k - 1;
        if (an->toks[r].kind == TK_PUNCT)
            return false;
        if (!tok_has(an, r, LX_ROLE) || (an->toks[r].flags & TF_CAP) || r < st + 2 || !np_is_det(an, r - 1))
            continue;
        size_t p = r - 2;
        return tok_has(an, p, LX_PREP | LX_LINKER) ||
               tok_class(an, p, WC_AGENT | WC_A | WC_AU | WC_DE | WC_DU | WC_WITH | WC_FOR);
    }
    return false;
}

/* Is the phrase of tokens [first, last] the subject of its clause? What
 * stands before it opens a clause (after a determiner, a role, a title
 * and adjectives: "le président russe Vladimir Poutine"), and a verb
 * follows it, after an apposition between commas when there is one
 * ("Pascal Roy, directeur de l'usine, semble", "du parti, Anne Roy,
 * dénonce"). French only: English puts its subjects the same way, but
 * its lexicon of verbs is not read here. */
static bool subject_at(const analysis *an, size_t first, size_t last)
{
    if (an->lang != LANG_FR || last + 1 >= an->ntoks)
        return false;
    size_t sent = an->toks[first].sent, st = an->sents[sent].tok_start, j = first;
    while (j > st && j + 5 > first &&
           (np_is_det(an, j - 1) || tok_has(an, j - 1, LX_ROLE | LX_HONORIFIC) ||
            tok_is_punct(an, j - 1, '.') ||
            (an->toks[j - 1].kind == TK_WORD && !(an->toks[j - 1].flags & TF_CAP) &&
             !tok_has(an, j - 1, LX_STOP | LX_LINKER | LX_PREP | LX_AUX | LX_CUE_VERB | LX_TIME | LX_ADV))))
        j--;
    if (j > st && !clause_opens_after(an, j - 1, st))
        return false;
    if (j > st && tok_is_punct(an, j - 1, ',') && apposition_of_complement(an, j - 1, st))
        return false;
    size_t k = last + 1;
    if (tok_is_punct(an, k, ',')) {
        k++;
        /* an apposition: a determiner or a role opens it, a comma ends it */
        if (np_is_det(an, k) || tok_has(an, k, LX_ROLE)) {
            size_t lim = k + 14;
            while (k < an->ntoks && k < lim && an->toks[k].sent == sent && !tok_is_punct(an, k, ','))
                k++;
            if (!tok_is_punct(an, k, ','))
                return false;
            k++;
        }
    }
    /* "Olivier Véran, « attend beaucoup » de …": the verb may open a
     * quotation */
    size_t depth = an->toks[first].depth;
    if (k + 1 < an->ntoks && an->toks[k].qrole == QR_OPEN && an->toks[k].sent == sent) {
        k++;
        depth++;
    }
    return k < an->ntoks && an->toks[k].sent == sent && an->toks[k].depth == depth && verb_like(an, k);
}

/* Does a source preposition stand before the phrase opening at token
 * first ("Selon M. Roy", "Pour Anne Roy, …"), after a title, a role or a
 * determiner? */
static bool source_before(const analysis *an, size_t first)
{
    size_t st = an->sents[an->toks[first].sent].tok_start, j = first;
    while (
        j > st && j + 4 > first &&
        (np_is_det(an, j - 1) || tok_has(an, j - 1, LX_ROLE | LX_HONORIFIC) || tok_is_punct(an, j - 1, '.')))
        j--;
    return j > st ? tok_has(an, j - 1, LX_CUE_PREP) : false;
}

/* Is a scanned name salient where the scan did not see it: the subject
 * of its clause, or the source of a "selon"? French only (subject_at). */
static bool name_is_salient(const analysis *an, const person *q)
{
    if (!q->full_len || an->lang != LANG_FR)
        return false;
    size_t first = tok_index(an, q->start), last = tok_index_near(an, q->start + q->full_len - 1, first);
    return first < an->ntoks && last < an->ntoks && (subject_at(an, first, last) || source_before(an, first));
}

/* The last token of a description opened by role word k: the role and
 * its complements ("ministre de la Santé", "haut-commissaire aux
 * retraites"). */
static size_t description_end(const analysis *an, size_t k)
{
    size_t sent = an->toks[k].sent, end = k;
    for (int round = 0; round < 3; round++) {
        size_t j = end + 1;
        if (!(tok_has(an, j, LX_LINKER) || tok_class(an, j, WC_A | WC_AU | WC_DE | WC_DU)))
            break;
        j++;
        if (np_is_det(an, j))
            j++;
        if (j >= an->ntoks || an->toks[j].sent != sent || an->toks[j].kind != TK_WORD)
            break;
        end = j;
    }
    return end;
}

/* The token of role word `role` in the phrase that gave it to the name
 * mentioned at byte b ("le ministre de la Santé Léa Roy", "Léa Roy,
 * ministre de la Santé"); SIZE_MAX if not found. */
static size_t role_token(const analysis *an, uint32_t b, const lex_entry *role)
{
    size_t t = tok_index(an, b);
    if (t >= an->ntoks)
        return SIZE_MAX;
    size_t sent = an->toks[t].sent;
    for (size_t k = t; k > 0 && k + 7 > t && an->toks[k - 1].sent == sent; k--)
        if (tok_lex(an, k - 1) == role)
            return k - 1;
    for (size_t k = t + 1; k < an->ntoks && k < t + 12 && an->toks[k].sent == sent; k++)
        if (tok_lex(an, k) == role)
            return k;
    return SIZE_MAX;
}

/* The gender a description says: its role word's, else its article's. */
static uint8_t description_gender(const analysis *an, size_t det, size_t k)
{
    const lex_entry *e = tok_lex(an, k);
    if (e && e->gender != G_UNKNOWN)
        return e->gender;
    return tok_is_ci(an, det, "la") ? G_FEM : tok_is_ci(an, det, "le") ? G_MASC : G_UNKNOWN;
}

/* The role a name is given by a description with a complement just
 * before it, which the scan does not read: "le ministre de la Santé
 * Olivier Brun", "le haut-commissaire aux retraites Paul Roy". */
static const lex_entry *role_with_complement(const analysis *an, const person *q)
{
    size_t t = tok_index(an, q->start);
    if (t >= an->ntoks)
        return NULL;
    for (size_t r = t; r > 0 && r + 8 > t && an->toks[r - 1].sent == an->toks[t].sent; r--)
        if (tok_has(an, r - 1, LX_ROLE) && !(an->toks[r - 1].flags & TF_CAP) && r - 1 < t - 1 &&
            description_end(an, r - 1) + 1 == t)
            return tok_lex(an, r - 1);
    return NULL;
}

/* The gender the role given with a name says: "la ministre Léa Roy",
 * "le directeur Sam Roy", "Sam Roy, directrice de …". */
static uint8_t role_gender(const analysis *an, uint32_t b, const lex_entry *role)
{
    size_t r = role_token(an, b, role);
    if (r == SIZE_MAX)
        return G_UNKNOWN;
    return description_gender(an, r > 0 ? r - 1 : r, r);
}

/* Adds one mention to its entity's candidate, making one if there is
 * room. A scanned name's salience is read again from its clause
 * (subject_at): the scan marks only names that open their sentence. */
static void gather(const analysis *an, const mention_table *mt, person *q, cand *c, size_t *n)
{
    const char *name = full_name(mt, q);
    size_t i = 0;
    while (i < *n && c[i].name != name) /* one pointer per name (full_name) */
        i++;
    if (i == *n) {
        if (*n == GATHER_MAX)
            return;
        memset(&c[i], 0, sizeof c[i]);
        c[i].name = name;
        c[i].first = q;
        (*n)++;
    }
    cand *e = &c[i];
    bool noted = (q->shape & PS_NOTED) != 0;
    /* what is read of the clause around the mention is read once */
    if (!noted && !q->salient && !(q->read & PR_SALIENT_READ))
        q->read |= PR_SALIENT_READ | (name_is_salient(an, q) ? PR_SALIENT : 0);
    bool salient = q->salient || (!noted && (q->read & PR_SALIENT));
    e->count += e->count < 255;
    e->shape |= q->shape;
    /* the gender the scan found (a first name, a title) outweighs the one
     * a speaker was noted with */
    if (noted && e->noted_gender == G_UNKNOWN)
        e->noted_gender = q->gender;
    else if (!noted && e->gender == G_UNKNOWN)
        e->gender = q->gender;
    e->spoke |= noted;
    if (!q->role && !noted && !(q->read & PR_ROLE)) {
        q->role_c = role_with_complement(an, q);
        q->read |= PR_ROLE;
    }
    const lex_entry *role = q->role ? q->role : noted ? NULL : q->role_c;
    if (role && !e->role) {
        e->role = role;
        e->role_at = q->start;
    }
    if (role && !noted && e->gender == G_UNKNOWN)
        e->gender = role_gender(an, q->start, role);
    if (q->start >= e->last) {
        e->last = q->start;
        e->last_end = q->end;
        e->sal_last = salient;
        e->first_shape = q->shape;
    }
    if (salient) {
        e->sal_any = true;
        if (q->start >= e->last_sal)
            e->last_sal = q->start;
    }
}

/* Index of the first scanned entry starting at or after byte b. */
static size_t scan_bound(const mention_table *mt, size_t b)
{
    const person *ps = mt->people.data;
    size_t lo = 0, hi = mt->nscan;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ps[mid].start < b)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void sort_recent(cand *c, size_t n)
{
    /* most recent first: an insertion sort of at most GATHER_MAX */
    for (size_t i = 1; i < n; i++) {
        cand x = c[i];
        size_t j = i;
        for (; j > 0 && c[j - 1].last < x.last; j--)
            c[j] = c[j - 1];
        c[j] = x;
    }
}

/* The candidates before byte `before`, most recent first, with the
 * voice of the last attribution (NULL if none). Gender is the entity's:
 * a man named in full is no candidate for "elle" even where a noted
 * "Roy" of unknown gender stands for him. */
static size_t candidates(const analysis *an, mention_table *mt, size_t before, uint8_t g, cand *c,
                         const char **voice)
{
    person *ps = mt->people.data;
    size_t n = 0;
    for (size_t i = scan_bound(mt, before), k = 0; i > 0 && k < SCAN_BACK; i--, k++)
        gather(an, mt, &ps[i - 1], c, &n);
    person *v = NULL;
    size_t lo = mt->people.len > mt->nscan + NOTED_BACK ? mt->people.len - NOTED_BACK : mt->nscan;
    for (size_t i = lo; i < mt->people.len; i++) {
        if (ps[i].start >= before)
            continue;
        if (!v || ps[i].start >= v->start)
            v = &ps[i];
        gather(an, mt, &ps[i], c, &n);
    }
    *voice = v ? full_name(mt, v) : NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (c[i].gender == G_UNKNOWN)
            c[i].gender = c[i].noted_gender;
        if (!gender_clash(g, c[i].gender) &&
            !(g != G_UNKNOWN && an->lang == LANG_EN && thing_of(an, c[i].first, c[i].name)))
            c[k++] = c[i];
    }
    return k;
}

static feat_id bucket(size_t v, const feat_id *ids, size_t nids)
{
    return ids[v < nids ? v : nids - 1];
}

/* What is being resolved: a pronoun, or a description ("le Premier
 * ministre") that may also stay as written. */
typedef struct query {
    size_t tok, before;
    uint8_t g;
    bool inverted;
    const lex_entry *role; /* a description's role word; NULL otherwise */
    const char *keep;      /* the choice of naming no entity: a description
                              as written, "" for a voice; NULL for a pronoun */
    feat_id block;         /* F_PR_RANK0, F_DS_RANK0 or F_VC_RANK0 */
    feat_id keep_feat;     /* F_DS_KEEP or F_VC_NONE */
    const lex_entry *held; /* a description no one before is given: its role
                              word (antecedent_holder); NULL otherwise */
    bool bare;             /* and it is a role alone, no complement ("l'élu") */
} query;

/* ------------------------------------------------------------------ */
/* Roles and descriptions                                               */

/* a, b folded for comparison: lowercase, the accents of French dropped */
static int32_t fold_cp(int32_t c)
{
    c = cp_lower(c);
    switch (c) {
    case 0xe0:
    case 0xe2:
    case 0xe4: return 'a';
    case 0xe7: return 'c';
    case 0xe8:
    case 0xe9:
    case 0xea:
    case 0xeb: return 'e';
    case 0xee:
    case 0xef: return 'i';
    case 0xf4:
    case 0xf6: return 'o';
    case 0xf9:
    case 0xfb:
    case 0xfc: return 'u';
    default: return c;
    }
}

/* Token k's length without an English possessive ending: "union's" is
 * "union" ("the union's leader" is "the leader of the union"). */
static size_t stem_len(const analysis *an, size_t k)
{
    size_t n = tok_len(an, k);
    size_t ps = an->lang == LANG_EN ? lex_suffix(an->endings, LANG_EN, SX_POSSESSIVE, tok_text(an, k), n) : 0;
    return ps && ps < n ? n - ps : n;
}

static bool same_word(const analysis *an, size_t a, size_t b)
{
    const char *s = tok_text(an, a), *t = tok_text(an, b);
    size_t n = stem_len(an, a), m = stem_len(an, b), i = 0, j = 0;
    while (i < n && j < m)
        if (fold_cp(utf8_next(s, n, &i)) != fold_cp(utf8_next(t, m, &j)))
            return false;
    return i == n && j == m;
}

/* Where the word that tells one role of a kind from another stands. */
enum { KEY_AFTER, KEY_TITLE, KEY_OWNER };

/* That word, at role word r: "Premier" in "le Premier ministre" (*kind
 * KEY_TITLE), "Santé" in "le ministre de la Santé", "retraites" in "le
 * haut-commissaire aux retraites", "council" in "the leader of the
 * council" (KEY_AFTER), "union's" in "the union's leader" (KEY_OWNER);
 * SIZE_MAX when there is none ("le ministre"). */
static size_t role_key(const analysis *an, size_t r, int *kind)
{
    size_t sent = an->toks[r].sent;
    bool before = r > 0 && an->toks[r - 1].sent == sent && an->toks[r - 1].kind == TK_WORD;
    *kind = KEY_AFTER;
    if (before && an->lang == LANG_EN && stem_len(an, r - 1) < tok_len(an, r - 1)) {
        *kind = KEY_OWNER;
        return r - 1;
    }
    if (before && (an->toks[r - 1].flags & TF_CAP) && !np_is_det(an, r - 1) &&
        !tok_has(an, r - 1, LX_FIRSTNAME | LX_HONORIFIC | LX_STOP | LX_PREP)) {
        *kind = KEY_TITLE;
        return r - 1;
    }
    size_t k = r + 1;
    if (tok_is(an, k, "chargé") || tok_is(an, k, "chargée"))
        k++;
    if (!(tok_has(an, k, LX_LINKER) || tok_class(an, k, WC_A | WC_AU | WC_DE | WC_DU)))
        return SIZE_MAX;
    k++;
    if (np_is_det(an, k))
        k++;
    return k < an->ntoks && an->toks[k].sent == sent && an->toks[k].kind == TK_WORD ? k : SIZE_MAX;
}

/* Do the roles at role words a and b differ in what tells them apart
 * ("le Premier ministre", "le ministre de la Santé"; "the union's
 * leader", "the leader of the council")? False when either says nothing
 * more than its noun, and between an owner and a capitalised word before
 * the role, which may be the owner's name ("the congressman's
 * spokesman", "Gowdy spokesman Jamal Ware"). */
static bool roles_differ(const analysis *an, size_t a, size_t b)
{
    int pa, pb;
    size_t ka = role_key(an, a, &pa), kb = role_key(an, b, &pb);
    if (ka == SIZE_MAX || kb == SIZE_MAX)
        return false;
    if ((pa == KEY_OWNER && pb == KEY_TITLE) || (pa == KEY_TITLE && pb == KEY_OWNER))
        return false;
    /* an owner and a complement say the same: "of the union" */
    if ((pa == KEY_TITLE) != (pb == KEY_TITLE))
        return true;
    return !same_word(an, ka, kb);
}

/* The candidate a description at role word k means: given that role, of
 * no other gender, its role told apart by nothing; the most recent of
 * those. NULL if none. */
static cand *described(const analysis *an, cand *c, size_t n, size_t det, size_t k)
{
    const lex_entry *role = tok_lex(an, k);
    uint8_t g = description_gender(an, det, k);
    cand *best = NULL;
    for (size_t i = 0; i < n; i++) {
        if (c[i].role != role || gender_clash(g, c[i].gender) || (best && best->last >= c[i].last))
            continue;
        size_t r = role_token(an, c[i].role_at, role);
        if (r == SIZE_MAX || !roles_differ(an, r, k))
            best = &c[i];
    }
    return best;
}

/* Counts a mention at bytes [b, be) of candidate e, a subject or not. */
static void mention_at(cand *e, uint32_t b, uint32_t be, bool subj)
{
    e->count += e->count < 255;
    if (b >= e->last) {
        e->last = b;
        e->last_end = be;
        e->sal_last = subj;
        e->first_shape = 0;
    }
    if (subj) {
        e->sal_any = true;
        if (b >= e->last_sal)
            e->last_sal = b;
    }
}

/* A first name alone as the subject of a sentence ("Catarina contemple
 * la place") is a person the scan does not list (it wants a surname or a
 * verb of saying): a candidate, or a mention of the one whose full name
 * it opens. Returns the number of candidates. */
static size_t first_name_subject(analysis *an, const query *q, cand *c, size_t n, size_t k)
{
    const lex_entry *e = tok_lex(an, k);
    if (!e || !(e->flags & LX_FIRSTNAME) || an->lang != LANG_FR || k + 1 >= an->ntoks ||
        (an->toks[k + 1].flags & TF_CAP) ||
        (k > 0 && an->toks[k - 1].kind == TK_WORD && (an->toks[k - 1].flags & TF_CAP)) ||
        !subject_at(an, k, k))
        return n;
    const char *w = tok_text(an, k);
    size_t wl = tok_len(an, k);
    uint32_t b = an->toks[k].start;
    for (size_t i = 0; i < n; i++)
        if (strncmp(c[i].name, w, wl) == 0 && (c[i].name[wl] == ' ' || c[i].name[wl] == '\0')) {
            mention_at(&c[i], b, an->toks[k].end, true);
            return n;
        }
    if (n >= GATHER_MAX || gender_clash(q->g, e->gender))
        return n;
    const char *name = arena_strndup(an->ar, w, wl);
    if (!name)
        return n;
    memset(&c[n], 0, sizeof c[n]);
    c[n].name = name;
    c[n].gender = e->gender;
    c[n].shape = PS_FIRSTNAME;
    mention_at(&c[n], b, an->toks[k].end, true);
    return n + 1;
}

/* The descriptions in the sentences before the query mention the
 * candidates given their roles: "Le ministre de la Santé a aussi voulu
 * …" after "le ministre de la Santé Léa Roy" is Léa Roy, the subject of
 * the sentence, as "Léa Roy a aussi voulu" would be. A description that
 * introduces a name ("le ministre Paul Roy") is left to the name. */
static size_t describe_mentions(analysis *an, const query *q, cand *c, size_t n)
{
    size_t qs = an->toks[q->tok].sent;
    size_t lo = an->sents[qs > DESC_SENTS ? qs - DESC_SENTS : 0].tok_start;
    if (q->tok > DESC_TOKENS && lo < q->tok - DESC_TOKENS)
        lo = q->tok - DESC_TOKENS;
    /* only capitalised words and words of a role do anything below: the
     * tokeniser listed them (desc_toks), the other tokens are not read */
    const tok_list *dl = &an->desc_toks;
    for (size_t di = tok_list_from(dl, lo + 1); di < dl->n; di++) {
        size_t k = dl->at[di];
        if (k >= q->tok || an->toks[k].start >= q->before)
            break;
        if (an->toks[k].depth > 0)
            continue;
        if (an->toks[k].flags & TF_CAP) {
            n = first_name_subject(an, q, c, n, k);
            continue;
        }
        if (!tok_has(an, k, LX_ROLE))
            continue;
        size_t det = k - 1;
        if (!np_is_det(an, det) && det > lo && np_is_det(an, det - 1) && an->toks[det].kind == TK_WORD)
            det--; /* "le Premier ministre", "l'ancien ministre" */
        if (!np_is_det(an, det))
            continue;
        /* "X a souligné que le président propose …": the subject of a
         * reported clause is what X said, no mention of the article's */
        if (det > lo && tok_class(an, det - 1, WC_THAT))
            continue;
        size_t end = description_end(an, k);
        if (end + 1 < an->ntoks && an->toks[end + 1].kind == TK_WORD && (an->toks[end + 1].flags & TF_CAP))
            continue;
        cand *e = described(an, c, n, det, k);
        if (!e)
            continue;
        mention_at(e, an->toks[det].start, an->toks[end].end, subject_at(an, det, end));
    }
    return n;
}

/* Drops the candidates the cue speaks to: "assure-t-il à Paul Roy", "il
 * a dit à M. Roy" is not Roy speaking. The name after à/au within the
 * few words after the pronoun; its last word is compared with the
 * candidates' surnames. */
static size_t drop_addressee(const analysis *an, const query *q, cand *c, size_t n)
{
    size_t sent = an->toks[q->tok].sent, who = SIZE_MAX;
    for (size_t k = q->tok + 1; k < an->ntoks && k < q->tok + 6 && an->toks[k].sent == sent; k++) {
        if (an->toks[k].kind != TK_WORD || an->toks[k].depth != an->toks[q->tok].depth)
            break;
        bool facing = tok_class(an, k, WC_NEAR | WC_FACING); /* "auprès de", "devant" */
        if (!tok_class(an, k, WC_A | WC_AU) && !facing)
            continue;
        size_t j = k + 1;
        /* "devant les caméras de Brut", "auprès du journal Le Monde": the
         * audience's name past the words that lead to it */
        while (j < an->ntoks && j < k + 4 &&
               (np_is_det(an, j) || tok_has(an, j, LX_HONORIFIC | LX_ROLE) ||
                (facing && an->toks[j].kind == TK_WORD && !(an->toks[j].flags & TF_CAP))))
            j++;
        while (j + 1 < an->ntoks && an->toks[j].kind == TK_WORD && (an->toks[j].flags & TF_CAP) &&
               an->toks[j + 1].kind == TK_WORD && (an->toks[j + 1].flags & TF_CAP))
            j++;
        if (j < an->ntoks && an->toks[j].kind == TK_WORD && (an->toks[j].flags & TF_CAP))
            who = j;
        break;
    }
    if (who == SIZE_MAX)
        return n;
    const char *w = tok_text(an, who);
    size_t wl = tok_len(an, who), k = 0;
    for (size_t i = 0; i < n; i++) {
        size_t nl = strlen(c[i].name);
        bool same = nl >= wl && memcmp(c[i].name + nl - wl, w, wl) == 0 &&
                    (nl == wl || c[i].name[nl - wl - 1] == ' ');
        if (!same)
            c[k++] = c[i];
    }
    return k;
}

static void add(fvec *f, const query *q, feat_id pron)
{
    /* each kind of query has the pronoun's templates in a block of its own */
    fvec_add(f, (feat_id)(pron + (q->block - F_PR_RANK0)));
}

static void describe(const analysis *an, const cand *c, size_t rank, size_t srank, bool voice, const query *q,
                     fvec *f)
{
    static const feat_id rk[] = {F_PR_RANK0, F_PR_RANK1, F_PR_RANK2, F_PR_RANK3};
    static const feat_id sr[] = {F_PR_SRANK0, F_PR_SRANK1, F_PR_SRANK2};
    static const feat_id sd[] = {F_PR_SENT0, F_PR_SENT1, F_PR_SENT2, F_PR_SENT3, F_PR_SENT3, F_PR_SENT5};
    static const feat_id pd[] = {F_PR_PARA0, F_PR_PARA1, F_PR_PARA2};
    f->n = 0;
    add(f, q, bucket(rank, rk, 4));
    if (c->sal_any)
        add(f, q, bucket(srank, sr, 3));
    const token *pt = &an->toks[q->tok], *ct = &an->toks[tok_index_near(an, c->last, q->tok)];
    add(f, q, bucket(pt->sent > ct->sent ? pt->sent - ct->sent : 0, sd, 6));
    add(f, q, bucket(pt->para > ct->para ? pt->para - ct->para : 0, pd, 3));
    if (c->sal_last)
        add(f, q, F_PR_SAL_LAST);
    if (c->sal_any)
        add(f, q, F_PR_SAL_ANY);
    if (c->spoke)
        add(f, q, F_PR_SPOKE);
    if (voice)
        add(f, q, F_PR_VOICE);
    if (c->gender == G_UNKNOWN)
        add(f, q, F_PR_G_UNK);
    else if (c->gender == q->g)
        add(f, q, F_PR_G_AGREE);
    bool full = strchr(c->name, ' ') != NULL;
    add(f, q, full ? F_PR_FULL : F_PR_ONE_WORD);
    if (c->shape & PS_FIRSTNAME)
        add(f, q, F_PR_FIRST);
    if (!full && (c->first_shape & PS_SENT_INITIAL))
        add(f, q, F_PR_SENT_INITIAL);
    if (!full && (c->first_shape & PS_AFTER_DE))
        add(f, q, F_PR_AFTER_DE);
    if (c->count >= 2)
        add(f, q, c->count >= 3 ? F_PR_COUNT3 : F_PR_COUNT2);
    if (c->role)
        add(f, q, F_PR_ROLE);
    if (c->count == 1 && (c->shape & PS_HEADLINE))
        add(f, q, F_PR_HEADLINE);
    if (q->inverted && voice)
        add(f, q, F_PR_INV_VOICE);
    if (q->inverted && rank == 0)
        add(f, q, F_PR_INV_RANK0);
    if (q->role && c->role)
        fvec_add(f, c->role == q->role ? F_DS_ROLE_MATCH : F_DS_ROLE_OTHER);
}

/* The candidates a description may mean: those given its role and not
 * told apart from it ("le ministre" after "le ministre de l'Agriculture,
 * Gilles Perrot"; "le ministre de la Santé" is not him). A person never
 * given the role could be the speaker's own addressee ("asked the
 * minister"). */
static size_t keep_described(const analysis *an, const query *q, cand *c, size_t n)
{
    size_t k = 0, r = q->tok;
    while (r < an->ntoks && r < q->tok + 4 && tok_lex(an, r) != q->role)
        r++;
    bool told = r < an->ntoks && tok_lex(an, r) == q->role;
    for (size_t i = 0; i < n; i++) {
        if (c[i].role != q->role)
            continue;
        size_t cr = role_token(an, c[i].role_at, q->role);
        if (cr == SIZE_MAX || !told || !roles_differ(an, cr, r))
            c[k++] = c[i];
    }
    return k;
}

/* The candidates a description no one is given may mean
 * (antecedent_holder): people named in full and given no role ("Jean
 * Castex a décidé …" before "a vanté le Premier ministre"), or another
 * role when the description is a role alone ("Henri de Raincourt,
 * sénateur …", then "l'élu": the press varies its words); a role with
 * its complement is told apart from another ("le ministre français des
 * Affaires étrangères" is not "Jalel Harchaoui, chercheur"), and one
 * given this very role means the description is antecedent_describe's
 * to read: SIZE_MAX then. Only a candidate named in the last
 * HOLDER_SENTS sentences: a role that comes back farther from the name
 * is the reader's knowledge, not the article's. */
static size_t keep_unroled(const analysis *an, const query *q, cand *c, size_t n)
{
    size_t k = 0, qs = an->toks[q->tok].sent;
    for (size_t i = 0; i < n; i++) {
        if (c[i].role == q->held)
            return SIZE_MAX;
        size_t cs = an->toks[tok_index_near(an, c[i].last, q->tok)].sent;
        /* a full name (a word alone may be a place or a group: "France"),
         * named before the description, not in it ("le père de
         * Jean-Christophe" is not Jean-Christophe) */
        if ((!c[i].role || q->bare) && cs <= qs && qs - cs <= HOLDER_SENTS && strchr(c[i].name, ' ') &&
            c[i].last_end <= an->toks[q->tok].start)
            c[k++] = c[i];
    }
    return k;
}

/* Keeps the choice and its candidates for the training trace. */
static void trace(analysis *an, size_t tok, const cand *c, const fvec *f, const double *s, size_t n)
{
    pron_trace *t = arena_alloc(an->ar, sizeof *t);
    if (!t)
        return;
    t->tok = (uint32_t)tok;
    t->n = (uint8_t)n;
    for (size_t i = 0; i < n; i++) {
        t->name[i] = c[i].name;
        t->f[i] = f[i];
        t->score[i] = (float)s[i];
    }
    t->next = an->pron_traces;
    an->pron_traces = t;
}

/* The best candidate for q, or NULL when none (or, for a description,
 * when keeping it as written scores best); with span, the bytes of its
 * last mention before q. */
static const char *choose(analysis *an, mention_table *mt, const query *q, uint32_t span[2])
{
    cand c[GATHER_MAX + 1];
    const char *voice;
    size_t n = candidates(an, mt, q->before, q->g, c, &voice);
    n = describe_mentions(an, q, c, n);
    if (!q->keep)
        n = drop_addressee(an, q, c, n);
    if (q->role)
        n = keep_described(an, q, c, n);
    if (q->held && (n = keep_unroled(an, q, c, n)) == SIZE_MAX)
        return NULL;
    sort_recent(c, n);
    if (n > CAND_MAX)
        n = CAND_MAX;
    fvec f[CAND_MAX + 1];
    double s[CAND_MAX + 1];
    size_t best = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        /* salience rank: order of the last salient mentions */
        size_t srank = 0;
        for (size_t j = 0; j < n && c[i].sal_any; j++)
            srank += c[j].sal_any && c[j].last_sal > c[i].last_sal;
        describe(an, &c[i], i, srank, voice && voice == c[i].name, q, &f[i]);
        s[i] = model_score(&an->eng->model, &f[i]);
        if (best == SIZE_MAX || s[i] > s[best])
            best = i;
    }
    if (q->keep) { /* naming no entity is one more choice */
        memset(&c[n], 0, sizeof c[n]);
        c[n].name = q->keep;
        f[n].n = 0;
        fvec_add(&f[n], q->keep_feat);
        s[n] = model_score(&an->eng->model, &f[n]);
        if (best == SIZE_MAX || s[n] > s[best])
            best = n;
        n++;
    }
    if (an->trace && n)
        trace(an, q->tok, c, f, s, n);
    if (best == SIZE_MAX || c[best].name == q->keep)
        return NULL;
    if (span) {
        span[0] = c[best].last;
        span[1] = c[best].last_end;
    }
    return c[best].name;
}

/* Is token k the pronoun "on", alone or after its verb ("dit-on")? */
static bool is_on(const analysis *an, size_t k)
{
    if (k >= an->ntoks || an->toks[k].kind != TK_WORD)
        return false;
    const char *t = tok_text(an, k);
    size_t n = tok_len(an, k);
    return (n == 2 || (n > 3 && t[n - 3] == '-')) && (t[n - 2] == 'o' || t[n - 2] == 'O') &&
           (t[n - 1] == 'n' || t[n - 1] == 'N');
}

const char *antecedent_pick(analysis *an, mention_table *mt, size_t tok, uint8_t g, bool inverted,
                            size_t before)
{
    /* "on" is indefinite in news prose ("indique-t-on au ministère", "dit-on
     * dans l'entourage du président"): no one named before it */
    if (an->lang == LANG_FR && is_on(an, tok))
        return NULL;
    query q = {tok, before, g, inverted, NULL, NULL, F_PR_RANK0, F_COUNT, NULL, false};
    return choose(an, mt, &q, NULL);
}

const char *antecedent_describe(analysis *an, mention_table *mt, size_t tok, uint8_t g, const lex_entry *role,
                                const char *as_written, size_t before)
{
    query q = {tok, before, g, false, role, as_written, F_DS_RANK0, F_DS_KEEP, NULL, false};
    return choose(an, mt, &q, NULL);
}

const char *antecedent_holder(analysis *an, mention_table *mt, size_t tok, uint8_t g, bool inverted,
                              const lex_entry *role, bool bare, size_t before)
{
    query q = {tok, before, g, inverted, NULL, NULL, F_PR_RANK0, F_COUNT, role, bare};
    return choose(an, mt, &q, NULL);
}

const char *antecedent_voice(analysis *an, mention_table *mt, size_t tok, size_t before, uint32_t span[2])
{
    query q = {tok, before, G_UNKNOWN, false, NULL, "", F_VC_RANK0, F_VC_NONE, NULL, false};
    return choose(an, mt, &q, span);
}
