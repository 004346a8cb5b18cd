/*
 * link.c: which speaker names, across articles, are one person.
 *
 * Each name is read as: titles and roles (the engine's word lists:
 * "Mr.", "Mme", "Sen.", "le président", "Secretary") up to its core; in
 * the core, a first name (or an initial, "E.") and a surname (its last
 * word, with the particles before it: "Le Pen", "de Raincourt"); middle
 * names and initials between are left out of the key, so "Loretta E.
 * Lynch" and "Loretta Lynch" are one person. Words are compared folded
 * (case, accents and the kind of apostrophe aside). Then:
 *  - names with a first name and a surname are one person when both are
 *    the same;
 *  - words stuck to a surname, none of them a first name ("Washington
 *    Post Trump", a comma the article left out), join the one person of
 *    that surname and of the gender their mentions give, else stay a
 *    person of their own;
 *  - a surname alone that each of its articles names in full, by a first
 *    name the engine does not know ("Rush Limbaugh"), one person the same
 *    in all, joins that person: the article's word (article_person);
 *  - else a surname alone ("Macron", "Mr. King") joins the one person of that
 *    surname with a first name (one of the engine's first names: so not
 *    "Fellow Republicans"), when there is exactly one; when there are two
 *    ("Clinton": Hillary and Bill), it joins the one of them whose gender
 *    its own evidence gives ("Mr. Obama", "he" resolved to it, and no
 *    "she": Barack, not Michelle), else, or when there are none, it names
 *    no person: two articles' "Mr. King" may be two men, and nothing says
 *    which;
 *  - an initial ("E. Macron") joins the one person of that surname whose
 *    first name starts with it, else names no person;
 *  - a description (a name with no core, "Premier ministre", a role and
 *    its complement, "ministre de la Santé", or one that starts in lower
 *    case, "quotidien") names no person: each article's prime minister is
 *    its own;
 *  - organisations and groups join the same name, case, accents and a
 *    leading article aside ("The Hill", "Hill").
 * Names are sorted once by their keys, so the work is n log n and the
 * result does not depend on the order names come in.
 */
#define _POSIX_C_SOURCE 200809L
#include "link.h"
#include "filter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WORDS_MAX 16

/* One name as read. */
typedef struct parsed {
    char first[64];  /* folded; "" when none */
    char sur[96];    /* folded; "" when the name has no core */
    char init;       /* the initial standing for the first name, or 0 */
    bool known;      /* the first name is one of the engine's first names, and
                        each word between it and the surname an initial, a
                        first name or a particle ("Washington Post Trump"
                        is no one's name) */
    bool plain;      /* the core is a first name and a surname, nothing
                        between ("Rush Limbaugh", its first name unknown) */
    bool stuck;      /* two words or more before the surname, none of them a
                        first name, an initial or a particle: words stuck
                        to a surname ("Washington Post Trump", a comma
                        the article left out), no first name of anyone */
    char whole[160]; /* the whole name folded (for names that link only so) */
    size_t core_len; /* bytes of the core, for the person's name */
} parsed;

/* s[0..n) folded (fold_text) into out (cap bytes), cut at cap, the
 * typographic apostrophe written as the typewriter's: "O’Neill" and
 * "O'Neill" are one name, as outlets and even one article write both. */
static void fold_into(const char *s, size_t n, char *out, size_t cap)
{
    char *f = fold_text(s, n);
    size_t j = 0;
    for (const char *c = f ? f : ""; *c && j + 1 < cap; c++) {
        if (c[0] == '\xE2' && c[1] == '\x80' && c[2] == '\x99') {
            out[j++] = '\'';
            c += 2;
        } else {
            out[j++] = *c;
        }
    }
    if (cap)
        out[j] = 0;
    free(f);
}

/* Is the word a title or a role, or a lower-case word before the core
 * ("le", "président")? The core starts after the last of them. */
static bool before_core(const dixit_engine *e, const char *w, size_t n)
{
    unsigned k = dixit_word(e, w, n, NULL);
    return (k & (DIXIT_WORD_TITLE | DIXIT_WORD_ROLE)) ||
           (w[0] >= 'a' && w[0] <= 'z' && !(k & DIXIT_WORD_PARTICLE));
}

size_t link_words(const char *s, const char *seps, const char **w, size_t *wl, size_t max)
{
    size_t n = 0;
    while (*s && n < max) {
        s += strspn(s, seps);
        size_t l = strcspn(s, seps);
        if (l) {
            w[n] = s;
            wl[n++] = l;
        }
        s += l;
    }
    return n;
}

/* An organisation's name folded into out (cap bytes), its article left
 * out: "The New York Times" and "New York Times", "L'Express" and
 * "Express" are one (a sentence's first word keeps no article apart). */
static void org_key(const char *name, const dixit_engine *e, char *out, size_t cap)
{
    size_t n = strcspn(name, " '\xe2"); /* the first word, or its elided article */
    size_t skip = 0;
    if (name[n] == ' ' && (dixit_word(e, name, n, NULL) & DIXIT_WORD_DETERMINER))
        skip = n + 1;
    else if (name[n] == '\'' && (dixit_word(e, name, n + 1, NULL) & DIXIT_WORD_DETERMINER))
        skip = n + 1;
    else if (!strncmp(name + n, "\xe2\x80\x99", 3) && (dixit_word(e, name, n + 3, NULL) & DIXIT_WORD_DETERMINER))
        skip = n + 3;
    if (!name[skip])
        skip = 0;
    fold_into(name + skip, strlen(name + skip), out, cap);
}

/* The organisation's name a description in lower case ends with, its
 * key into out: the words from its first capitalised one, an article,
 * the second word at the latest ("journal Le Monde", "magazine Le
 * Point": the engine kept the noun before the name), when no lower-case
 * word but a particle follows. False when it has none. The description joins the
 * organisation of that name, if there is one (link_rest), never another
 * such description. */
static bool name_tail(const char *name, const dixit_engine *e, char *out, size_t cap)
{
    const char *w[WORDS_MAX];
    size_t wl[WORDS_MAX], n = link_words(name, " ", w, wl, WORDS_MAX), k = 0;
    while (k < n && !(w[k][0] >= 'A' && w[k][0] <= 'Z'))
        k++;
    for (size_t j = k; j < n; j++)
        if (w[j][0] >= 'a' && w[j][0] <= 'z' && !(dixit_word(e, w[j], wl[j], NULL) & DIXIT_WORD_PARTICLE))
            return false;
    /* its name opens on an article, as a medium's may ("le quotidien
     * régional La Nouvelle République"): "ancien ministre PS", "parquet
     * de Paris" or "authorities in Beijing" are no name of the PS, Paris
     * or Beijing */
    if (k == 0 || k > 2 || k + 1 >= n || !(dixit_word(e, w[k], wl[k], NULL) & DIXIT_WORD_DETERMINER))
        return false;
    org_key(w[k], e, out, cap);
    return true;
}

/* Reads name into p. */
static void parse(const char *name, const dixit_engine *e, parsed *p)
{
    memset(p, 0, sizeof *p);
    fold_into(name, strlen(name), p->whole, sizeof p->whole);
    const char *w[WORDS_MAX];
    size_t wl[WORDS_MAX], n = link_words(name, " ", w, wl, WORDS_MAX);
    /* a possessive is no part of the name: "Donald Trump's" */
    if (n && wl[n - 1] > 2 && w[n - 1][wl[n - 1] - 1] == 's' && w[n - 1][wl[n - 1] - 2] == '\'')
        wl[n - 1] -= 2;
    else if (n && wl[n - 1] > 4 && !memcmp(w[n - 1] + wl[n - 1] - 4, "\xE2\x80\x99s", 4))
        wl[n - 1] -= 4;
    size_t core = 0;
    bool titled = true; /* what comes before the core is titles only */
    for (size_t i = 0; i < n; i++)
        /* ("Steven M. Rosenthal": after a first name, "M." is an initial,
         * not the French title) */
        if (before_core(e, w[i], wl[i]) &&
            !(i > 0 && wl[i] == 2 && w[i][1] == '.' &&
              (dixit_word(e, w[i - 1], wl[i - 1], NULL) & DIXIT_WORD_FIRSTNAME))) {
            core = i + 1;
            titled = titled && (dixit_word(e, w[i], wl[i], NULL) & DIXIT_WORD_TITLE);
        }
    /* a core that starts with a particle after a role or a noun is the
     * role's complement ("ministre de la Santé", "maire du Havre"): a
     * description, or it would be a person "de la Santé", every health
     * minister of the corpus; alone or after a title it is a surname
     * whole ("de Villepin", "M. de Villepin") */
    bool particle = core < n && w[core][0] >= 'a' && w[core][0] <= 'z';
    if (core >= n || (particle && !titled))
        return; /* no core: "Premier ministre" */
    p->core_len = (size_t)(w[n - 1] + wl[n - 1] - w[core]);
    /* the surname: the last word, and the particles before it */
    size_t s0 = particle ? core : n - 1;
    while (s0 > core + 1 && (dixit_word(e, w[s0 - 1], wl[s0 - 1], NULL) & DIXIT_WORD_PARTICLE))
        s0--;
    fold_into(w[s0], (size_t)(w[n - 1] + wl[n - 1] - w[s0]), p->sur, sizeof p->sur);
    if (s0 == core)
        return; /* a surname alone */
    if (wl[core] == 2 && w[core][1] == '.')
        p->init = (char)(w[core][0] | 0x20); /* "E." (ASCII letters only) */
    else
        fold_into(w[core], wl[core], p->first, sizeof p->first);
    p->known = (dixit_word(e, w[core], wl[core], NULL) & DIXIT_WORD_FIRSTNAME) != 0;
    /* (a first word in lower case is no first name: "prévisions de
     * Météo-France" reads "de" so) */
    p->plain = !p->init && s0 == core + 1 && !(w[core][0] >= 'a' && w[core][0] <= 'z');
    for (size_t i = core + 1; i < s0 && p->known; i++)
        p->known = (wl[i] == 2 && w[i][1] == '.') ||
                   (dixit_word(e, w[i], wl[i], NULL) & (DIXIT_WORD_FIRSTNAME | DIXIT_WORD_PARTICLE));
    p->stuck = s0 >= core + 2;
    for (size_t i = core; i < s0 && p->stuck; i++)
        p->stuck = !(wl[i] == 2 && w[i][1] == '.') &&
                   !(dixit_word(e, w[i], wl[i], NULL) & (DIXIT_WORD_FIRSTNAME | DIXIT_WORD_PARTICLE));
}

/* The order of full names: surname, first name, then the fullest core
 * (the person's head), then the name itself. */
static const parsed *sort_p;
static const link_name *sort_v;

static int by_full(const void *a, const void *b)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    const parsed *x = &sort_p[i], *y = &sort_p[j];
    int c = strcmp(x->sur, y->sur);
    if (!c)
        c = strcmp(x->first, y->first);
    if (!c)
        c = (x->core_len < y->core_len) - (x->core_len > y->core_len);
    return c ? c : strcmp(sort_v[i].name, sort_v[j].name);
}

/* The first of the sorted full names of surname sur (n of them), or n. */
static size_t first_of(const size_t *full, size_t n, const parsed *p, const char *sur)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(p[full[mid]].sur, sur) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The head of the one person of surname sur whose first name starts with
 * init (any first name when 0), in *head; the count of such people (0, 1
 * or 2 for "more"). Only people whose first name the engine knows as one
 * count: "Fellow Republicans" or "New York Times" are no person a
 * surname alone ("Republicans", "Times") could name. With gender 'f' or
 * 'm', only the people of that gender count (by the gender of the head
 * of their first name: the fullest name, its first name first). */
static int only_person(const link_name *v, const size_t *full, size_t n, const parsed *p, const char *sur,
                       char init, char gender, size_t *head)
{
    int people = 0;
    const char *last = NULL;
    for (size_t k = first_of(full, n, p, sur); k < n && !strcmp(p[full[k]].sur, sur) && people < 2; k++) {
        const parsed *x = &p[full[k]];
        if (!x->known || (init && x->first[0] != init) || (last && !strcmp(last, x->first)))
            continue;
        last = x->first;
        if (gender && v[v[full[k]].head].gender != gender)
            continue;
        *head = full[k]; /* the first of its first name: the fullest */
        people++;
    }
    return people;
}

/* Full names: runs of one surname and first name are one person, known
 * by the first of the run (the fullest core). */
static void link_full(link_name *v, const parsed *p, const size_t *full, size_t nf)
{
    for (size_t k = 0; k < nf; k++) {
        size_t i = full[k], j = k ? full[k - 1] : i;
        if (k && !strcmp(p[i].sur, p[j].sur) && !strcmp(p[i].first, p[j].first)) {
            v[i].head = v[j].head;
            snprintf(v[i].why, sizeof v[i].why, "same first name and surname as %s", v[v[i].head].name);
        }
    }
}

/* Words stuck to a surname (parsed.stuck): the name is the one person's
 * of that surname whose first name the engine knows and whose gender the
 * name's own mentions give ("he" resolved to "Washington Post Trump"),
 * and so are the names of its run ("editorial board of the Washington
 * Post Trump"). Else it stays a person of its own, as before: "Kim Jong
 * Un" is no one else's. */
static void link_stuck(link_name *v, const parsed *p, const size_t *full, size_t nf)
{
    for (size_t k = 0; k < nf; k++) {
        size_t i = full[k], h = 0;
        if (!p[i].stuck || v[i].head != i)
            continue;
        /* its own mentions must say the gender, and one person of the
         * surname have it: the first word may be a first name the engine
         * does not know ("Dena Minning Grayson" is not Alan Grayson) */
        if (!v[i].gender || only_person(v, full, nf, p, p[i].sur, 0, v[i].gender, &h) != 1)
            continue;
        size_t to = v[h].head;
        for (size_t m = k; m < nf && v[full[m]].head == i; m++) {
            v[full[m]].head = to;
            snprintf(v[full[m]].why, sizeof v[full[m]].why,
                     "surname of the one person of its gender, the words before it no first name (%s): %s",
                     v[i].gender_why ? v[i].gender_why : "", v[to].name);
        }
    }
}

/* A full name in an article its records are in. */
typedef struct art_name {
    long long article;
    size_t name;
} art_name;

static int by_article(const void *a, const void *b)
{
    const art_name *x = a, *y = b;
    if (x->article != y->article)
        return x->article < y->article ? -1 : 1;
    return (x->name > y->name) - (x->name < y->name);
}

/* The full names that may anchor a surname (a first name the engine
 * knows, or a first name and a surname and nothing between: "Rush
 * Limbaugh"), each with every article its records are in, sorted by
 * article; their count in *m. NULL when there are none or memory ran
 * out: no article then anchors anything. */
static art_name *article_names(const link_name *v, const parsed *p, const size_t *full, size_t nf, size_t *m)
{
    size_t n = 0;
    for (size_t k = 0; k < nf; k++)
        if (p[full[k]].known || p[full[k]].plain)
            n += v[full[k]].narticles;
    art_name *an = n ? malloc(n * sizeof *an) : NULL;
    *m = 0;
    for (size_t k = 0; an && k < nf; k++)
        for (size_t a = 0; (p[full[k]].known || p[full[k]].plain) && a < v[full[k]].narticles; a++)
            an[(*m)++] = (art_name){v[full[k]].articles[a], full[k]};
    if (an)
        qsort(an, *m, sizeof *an, by_article);
    return an;
}

/* The person surname alone i is in its own articles: in each of them
 * the records give exactly one person of that surname in full, the same
 * one in all, by a first name the engine does not know (its head in
 * *head). This is the article's word, not a guess from the corpus:
 * "Limbaugh" where "Rush Limbaugh" speaks, though the corpus knows two
 * people named so or none the engine's first names vouch for. Why an
 * unknown first name only: within an article the engine gives a surname
 * the full name it follows when it knows the first name, so a surname it
 * left apart beside "Ivanka Trump" is a sign that the article means
 * someone else ("Trump" for her father, named elsewhere); beside "Rush
 * Limbaugh" it is its blind spot. An article that names none, or two,
 * leaves the name to the corpus's rules: the name is one row for all its
 * articles. */
static bool article_person(const link_name *v, const parsed *p, const art_name *an, size_t m, size_t i,
                           size_t *head)
{
    size_t h = SIZE_MAX;
    for (size_t a = 0; an && a < v[i].narticles; a++) {
        long long art = v[i].articles[a];
        size_t lo = 0, hi = m, here = SIZE_MAX;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (an[mid].article < art)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t k = lo; k < m && an[k].article == art; k++) {
            size_t x = an[k].name;
            if (strcmp(p[x].sur, p[i].sur))
                continue;
            if (p[x].known || (here != SIZE_MAX && here != v[x].head))
                return false; /* a known first name, or two people of that surname */
            here = v[x].head;
        }
        if (here == SIZE_MAX || (h != SIZE_MAX && h != here))
            return false;
        h = here;
    }
    *head = h;
    return h != SIZE_MAX;
}

/* A surname alone or an initial: to the one person it fits, if one;
 * true when linked so. */
static bool link_part(link_name *v, const parsed *p, const size_t *full, size_t nf, const art_name *an,
                      size_t m, size_t i)
{
    if (!v[i].person || !p[i].sur[0])
        return false;
    size_t h = 0;
    if (!p[i].init && article_person(v, p, an, m, i, &h)) {
        v[i].head = v[h].head;
        v[i].named = true;
        snprintf(v[i].why, sizeof v[i].why,
                 "surname of the one person its article%s name%s in full, by a first name the engine does "
                 "not know: %s",
                 v[i].narticles > 1 ? "s" : "", v[i].narticles > 1 ? "" : "s", v[h].name);
        return true;
    }
    int people = only_person(v, full, nf, p, p[i].sur, p[i].init, 0, &h);
    /* "Obama", "Mr. Obama", "he": of Barack and Michelle, the one whose
     * gender the name's own evidence gives */
    if (people > 1 && v[i].gender && only_person(v, full, nf, p, p[i].sur, p[i].init, v[i].gender, &h) == 1) {
        v[i].head = v[h].head;
        v[i].named = true;
        snprintf(v[i].why, sizeof v[i].why, "surname of several people, one of them %s as its mentions say (%s): %s",
                 v[i].gender == 'f' ? "female" : "male", v[i].gender_why ? v[i].gender_why : "", v[h].name);
        return true;
    }
    if (people == 1) {
        v[i].head = v[h].head;
        v[i].named = true;
        snprintf(v[i].why, sizeof v[i].why, "%s of the one person known by that surname%s: %s",
                 p[i].init ? "initial and surname" : "surname", p[i].init ? " and initial" : "", v[h].name);
        return true;
    }
    snprintf(v[i].why, sizeof v[i].why,
             people > 1 ? "the surname of several people: linked to none"
                        : "a surname no full name anchors: linked to none");
    /* one word no person anchors may be an organisation's name its
     * article left ("selon le Parisien"): grouped with the rest, it joins
     * an organisation of that name, never another such word */
    return people > 1 || p[i].init || strchr(v[i].name, ' ');
}

/* A word in capitals read as an organisation ("PENCE", the speaker's
 * label of a transcript, as the engine reads "CGT") that is the surname
 * of exactly one person whose first name the engine knows: that person;
 * true when linked so. An acronym is no one's surname; two people of the
 * surname leave it alone, as for a surname. */
static bool link_capitals(link_name *v, const parsed *p, const size_t *full, size_t nf, size_t i)
{
    const char *w = v[i].name;
    bool caps = !v[i].person && w[0] && !strchr(w, ' ');
    for (const char *c = w; caps && *c; c++)
        caps = !(*c >= 'a' && *c <= 'z');
    size_t h = 0;
    if (!caps || strlen(w) < 3 || only_person(v, full, nf, p, p[i].whole, 0, 0, &h) != 1)
        return false;
    v[i].head = v[h].head;
    v[i].named = true;
    snprintf(v[i].why, sizeof v[i].why, "a surname in capitals, of the one person known by that surname: %s",
             v[h].name);
    return true;
}

/* The keys of the rest, for qsort. */
static char (*sort_keys)[200];

static int by_key(const void *a, const void *b)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    int c = strcmp(sort_keys[i], sort_keys[j]);
    return c ? c : strcmp(sort_v[i].name, sort_v[j].name);
}

/* The rest: runs of one key are one organisation (or group), known by
 * its fullest name; a lone word of a person's kind, or a description
 * ending in the name (name_tail), joins the run's organisation, if it
 * has one, and stays alone otherwise. */
static void link_rest(link_name *v, char (*keys)[200], size_t *rest, size_t m)
{
    sort_keys = keys;
    qsort(rest, m, sizeof *rest, by_key);
    for (size_t r0 = 0, r1; r0 < m; r0 = r1) {
        size_t head = SIZE_MAX;
        /* known by its fullest name: "Le Courrier du Nord", not
         * "Courrier du Nord" */
        for (r1 = r0; r1 < m && !strcmp(keys[rest[r1]], keys[rest[r0]]); r1++)
            if (!v[rest[r1]].person && v[rest[r1]].named &&
                (head == SIZE_MAX || strlen(v[rest[r1]].name) > strlen(v[head].name)))
                head = rest[r1];
        for (size_t k = r0; k < r1 && head != SIZE_MAX; k++) {
            size_t i = rest[k];
            if (i == head)
                continue;
            v[i].head = v[head].head;
            snprintf(v[i].why, sizeof v[i].why,
                     v[i].person  ? "the name of an organisation, its article aside: %s"
                     : v[i].named ? "the same name as %s, case, accents and article aside"
                                  : "a description ending in the name of %s",
                     v[head].name);
            v[i].named = true;
        }
    }
}

/* A person's name: its head's core (titles and roles left out). */
static void set_canon(link_name *x, const parsed *p)
{
    size_t n = strlen(x->name);
    const char *c = p->core_len && p->core_len <= n ? x->name + n - p->core_len : x->name;
    snprintf(x->canon, sizeof x->canon, "%s", c);
}

bool link_add_article(link_name *x, long long article)
{
    if (x->narticles && x->articles[x->narticles - 1] == article)
        return true;
    if (x->narticles == x->articles_cap) {
        size_t cap = x->articles_cap ? 2 * x->articles_cap : 4;
        long long *a = realloc(x->articles, cap * sizeof *a);
        if (!a)
            return false;
        x->articles = a;
        x->articles_cap = cap;
    }
    x->articles[x->narticles++] = article;
    return true;
}

void link_free_articles(link_name *x)
{
    free(x->articles);
    x->articles = NULL;
    x->narticles = x->articles_cap = 0;
}

bool link_names(link_name *v, size_t n, const dixit_engine *e)
{
    parsed *p = calloc(n ? n : 1, sizeof *p);
    size_t *full = malloc((n ? n : 1) * sizeof *full), *rest = malloc((n ? n : 1) * sizeof *rest);
    char(*keys)[200] = malloc((n ? n : 1) * sizeof *keys);
    bool ok = p && full && rest && keys;
    size_t nf = 0, nr = 0;
    for (size_t i = 0; ok && i < n; i++) {
        v[i].head = i;
        v[i].why[0] = 0;
        v[i].named = v[i].person ? false : !(v[i].name[0] >= 'a' && v[i].name[0] <= 'z');
        if (v[i].person)
            parse(v[i].name, e, &p[i]);
        else
            org_key(v[i].name, e, p[i].whole, sizeof p[i].whole);
        if (v[i].person && p[i].sur[0] && p[i].first[0]) {
            full[nf++] = i;
            v[i].named = true;
        } else if (v[i].person && !p[i].sur[0]) {
            snprintf(v[i].why, sizeof v[i].why, "a description, not a name: linked to none");
        } else if (!v[i].person && !v[i].named) {
            snprintf(v[i].why, sizeof v[i].why, "a description in lower case: linked to none");
            if (name_tail(v[i].name, e, p[i].whole, sizeof p[i].whole))
                rest[nr++] = i; /* (its name may join an organisation) */
        } else {
            rest[nr++] = i;
        }
    }
    if (ok) {
        sort_p = p;
        sort_v = v;
        qsort(full, nf, sizeof *full, by_full);
        link_full(v, p, full, nf);
        link_stuck(v, p, full, nf);
        size_t na = 0;
        art_name *an = article_names(v, p, full, nf, &na);
        size_t m = 0; /* the rest that link no full name, grouped by key */
        for (size_t k = 0; k < nr; k++)
            if (!link_part(v, p, full, nf, an, na, rest[k]) && !link_capitals(v, p, full, nf, rest[k]))
                rest[m++] = rest[k];
        free(an);
        for (size_t k = 0; k < m; k++) /* organisations and groups: their whole names */
            snprintf(keys[rest[k]], sizeof keys[0], "%s", p[rest[k]].whole);
        link_rest(v, keys, rest, m);
        for (size_t i = 0; i < n; i++)
            set_canon(&v[i], &p[i]);
    }
    free(p);
    free(full);
    free(rest);
    free(keys);
    return ok;
}
