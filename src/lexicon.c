/*
 * lexicon.c: the compiled-in word lists of data/, parsed once into one hash
 * table when an engine is built.
 *
 * Keys are lowercase (typographic apostrophes folded to '), multi-word keys
 * joined by single spaces; the first word of a multi-word key carries
 * LX_MW_HEAD so the matchers know to try longer keys. Each entry says what
 * the word is in French, in English, or in both; cue entries point into a
 * table of (lemma, speech act, part of speech).
 */
#include "alloc.h"
#include "bytes.h"
#include "lexicon.h"
#include "utf8.h"

#include <stdalign.h>
#include <string.h>

extern const char dx_cues_fr[], dx_cues_en[], dx_abbrev_fr[], dx_abbrev_en[], dx_firstnames[], dx_roles_fr[],
    dx_roles_en[], dx_pronouns[], dx_words_fr[], dx_words_en[], dx_channels[], dx_verb_classes[],
    dx_classes[], dx_suffixes[];

/* Two tables. While the lists load, an open-addressing table of slots
 * (key, length, hash), tags and entries, indexed alike, where entries may
 * still move. Once loading is done it is packed into the table lookups
 * use (pack()): the table is larger than a core's L2 cache with the
 * documents' data, and a hit went through four cache lines (tag, slot,
 * key, entry) that were seldom in it. After packing, a hit reads the seen
 * bit, one 4-byte index slot (128 KB for the whole lexicon) and one
 * 64-byte record holding the key's first 16 bytes next to the entry, which
 * the stages then read through the token's pointer from the same line. */
typedef struct slot {
    const uint64_t *key; /* KEY_WORDS layout below, in the lexicon's arena */
    uint32_t keylen;
    uint32_t hash;
} slot;

/* A key and its entry, a cache line. Keys of up to 16 bytes (nearly all)
 * are compared here; longer ones go on in long_keys. */
typedef struct rec {
    /* the alignment on k0 alone: written on "k0, k1" it aligned k1 too,
     * and a record took two cache lines */
    alignas(64) uint64_t k0;
    uint64_t k1; /* k0, k1: the key's first 16 bytes, zero-padded */
    lex_entry e; /* its keylen the key's length */
} rec;

/* An entry while loading: with the flags added for one language, from
 * which mark_may_cue works out lex_entry.has. */
typedef struct load_entry {
    lex_entry e;
    uint32_t flags_fr; /* LX_* that hold in French */
    uint32_t flags_en; /* LX_* that hold in English */
    uint64_t next[LX_NEXT_KINDS]; /* lex_next's bits (mark_cue_spans) */
} load_entry;

struct lexicon {
    arena ar;
    bool beliefs; /* lexicon_new: cues of act "belief" are loaded */
    /* loading (freed by pack) */
    slot *slots;
    load_entry *ents; /* ents[i] is the entry of slots[i] */
    uint32_t *tags;  /* per slot: 0 when empty, else tag_of(hash) */
    size_t cap, count;
    /* lookups */
    uint64_t *seen;  /* SEEN_BITS bits, one set per key's hash: more than
                        half the words looked up are not in the lexicon, and
                        16 KB of bits answer most of them from L1 */
    uint32_t *index; /* icap slots: 0 when empty, else the hash's top bits
                        above ibits and the record's number + 1 below */
    size_t imask;    /* icap - 1 */
    unsigned ibits;
    rec *recs;
    const uint64_t **long_keys; /* per record: the whole key when over 16 bytes */
    cue_info *cues;
    size_t ncues, cues_cap;
    uint64_t *cue_prefix; /* CUE_PREFIX_BITS bits: lex_may_start_cue */
    uint64_t (*next)[LX_NEXT_KINDS]; /* per record: lex_next */
    int16_t plain[3]; /* per LANG_*: the cue of class "plain", -1 if none */
    /* data/suffixes.tsv: per SX_* class, its endings */
    lex_endings sufs[3 * SX_COUNT]; /* data/suffixes.tsv: see lex_endings_of */
};

/* Keys are hashed and compared eight bytes at a time, as 64-bit words:
 * a key of n bytes is stored in (n + 7) / 8 words, zero-padded (then a NUL
 * word when n is a multiple of 8, so it is a C string too), and a word
 * looked up is copied into a zero-padded buffer of the same layout. Most
 * words fit one or two of them, so a lookup is a few loads, multiplies
 * and compares instead of a loop over bytes. No key is longer than
 * KEY_MAX: add() lowercases into 256 bytes. */
#define KEY_MAX 255
#define KEY_WORDS ((KEY_MAX + 7) / 8)

static size_t key_words(size_t n)
{
    return (n + 7) / 8;
}

/* Copies s[0..n) (1 <= n <= KEY_MAX) into w, zero-padded; returns the
 * number of words. */
static size_t load_key(uint64_t *w, const char *s, size_t n)
{
    size_t nw = key_words(n);
    w[nw - 1] = 0;
    memcpy(w, s, n);
    return nw;
}

/* Multiply-xor over the words, then a final mix so that every bit of the
 * key reaches the low bits (slot index) and the middle ones (seen bit). */
static uint32_t hash_words(const uint64_t *w, size_t nw)
{
    uint64_t h = 0;
    for (size_t k = 0; k < nw; k++)
        h = (h ^ w[k]) * 0x9E3779B97F4A7C15ull;
    h ^= h >> 32;
    h *= 0xD6E8FEB86659FD93ull;
    return (uint32_t)(h >> 32);
}

static uint32_t tag_of(uint32_t h)
{
    return h | 1u;
}

#define SEEN_BITS (1u << 17)
static size_t seen_bit(uint32_t h)
{
    return (h >> 7) & (SEEN_BITS - 1);
}

static bool same_words(const uint64_t *a, const uint64_t *b, size_t nw)
{
    for (size_t k = 0; k < nw; k++)
        if (a[k] != b[k])
            return false;
    return true;
}

static slot *find(const lexicon *lx, const uint64_t *w, size_t n, uint32_t h)
{
    size_t mask = lx->cap - 1;
    uint32_t tag = tag_of(h);
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        uint32_t t = lx->tags[i];
        if (!t)
            return &lx->slots[i];
        if (t != tag)
            continue;
        slot *sl = &lx->slots[i];
        if (sl->hash == h && sl->keylen == n && same_words(sl->key, w, key_words(n)))
            return sl;
    }
}

static bool grow(lexicon *lx)
{
    const dixit_allocator *a = lx->ar.alloc;
    /* data/ holds some 13,000 keys: they load at a load under one half
     * without growing (a growth rehashes every key) */
    size_t ncap = lx->cap ? lx->cap * 2 : 32768;
    slot *ns = dx_malloc(a, ncap * sizeof *ns);
    load_entry *ne = dx_malloc(a, ncap * sizeof *ne);
    uint32_t *nt = dx_malloc(a, ncap * sizeof *nt);
    if (!ns || !ne || !nt) {
        dx_free(a, ns);
        dx_free(a, ne);
        dx_free(a, nt);
        return false;
    }
    /* a slot is empty while its tag is 0: slot and entry are written when
     * it is taken (intern), and nothing reads them before */
    memset(nt, 0, ncap * sizeof *nt);
    slot *old = lx->slots;
    load_entry *olde = lx->ents;
    uint32_t *oldt = lx->tags;
    size_t ocap = lx->cap;
    lx->slots = ns;
    lx->ents = ne;
    lx->tags = nt;
    lx->cap = ncap;
    for (size_t i = 0; i < ocap; i++) {
        if (oldt[i]) {
            slot *d = find(lx, old[i].key, old[i].keylen, old[i].hash);
            *d = old[i];
            ne[d - ns] = olde[i];
            nt[d - ns] = tag_of(old[i].hash);
        }
    }
    dx_free(a, old);
    dx_free(a, olde);
    dx_free(a, oldt);
    return true;
}

static void free_loading(lexicon *lx)
{
    const dixit_allocator *a = lx->ar.alloc;
    dx_free(a, lx->slots);
    dx_free(a, lx->ents);
    dx_free(a, lx->tags);
    lx->slots = NULL;
    lx->ents = NULL;
    lx->tags = NULL;
}

/* The entry for a lowercased key, created empty if missing. */
static load_entry *intern(lexicon *lx, const char *s, size_t n)
{
    if (n > KEY_MAX || ((lx->count + 1) * 2 > lx->cap && !grow(lx)))
        return NULL;
    uint64_t w[KEY_WORDS];
    size_t nw = load_key(w, s, n);
    uint32_t h = hash_words(w, nw);
    slot *sl = find(lx, w, n, h);
    if (!lx->tags[sl - lx->slots]) {
        /* one word more when the last is full: the key ends with a NUL */
        uint64_t *k = arena_alloc(&lx->ar, (n / 8 + 1) * sizeof *k);
        if (!k)
            return NULL;
        memcpy(k, w, nw * sizeof *k);
        sl->key = k;
        sl->keylen = (uint32_t)n;
        sl->hash = h;
        lx->tags[sl - lx->slots] = tag_of(h);
        lx->seen[seen_bit(h) / 64] |= 1ull << (seen_bit(h) % 64);
        load_entry *le = &lx->ents[sl - lx->slots];
        *le = (load_entry){.e.cue = {-1, -1, -1}};
        lx->count++;
    }
    return &lx->ents[sl - lx->slots];
}

/* The entry of a key of n bytes in nw words, or NULL; a missing key
 * touches only the seen bits or the tags. The probe loop of find, inline
 * here: this is the hot path of every stage. */
static inline const lex_entry *get(const lexicon *lx, const uint64_t *w, size_t n, size_t nw)
{
    uint32_t h = hash_words(w, nw);
    if (!(lx->seen[seen_bit(h) / 64] >> (seen_bit(h) % 64) & 1))
        return NULL; /* no key has this hash */
    uint32_t tag = h >> lx->ibits, low = (1u << lx->ibits) - 1;
    uint64_t w1 = nw > 1 ? w[1] : 0;
    for (size_t i = h & lx->imask;; i = (i + 1) & lx->imask) {
        uint32_t v = lx->index[i];
        if (!v)
            return NULL;
        if (v >> lx->ibits == tag) {
            size_t r = (v & low) - 1;
            const rec *e = &lx->recs[r];
            if (e->e.keylen == n && e->k0 == w[0] && e->k1 == w1 &&
                (n <= 16 || same_words(lx->long_keys[r] + 2, w + 2, nw - 2)))
                return &e->e;
        }
    }
}

const lex_entry *lex_get_lower(const lexicon *lx, const char *s, size_t n)
{
    if (!n || n > KEY_MAX)
        return NULL; /* no key is empty or that long */
    uint64_t w[KEY_WORDS];
    size_t nw = load_key(w, s, n);
    return get(lx, w, n, nw);
}

/* The longest word lex_get lowercases: utf8_lower into 128 bytes. */
#define WORD_MAX 127

/* The non-ASCII way of lex_get: utf8_lower, then the key's layout. */
static const lex_entry *get_unicode(const lexicon *lx, const char *s, size_t n)
{
    uint64_t w[KEY_WORDS];
    char *low = (char *)w;
    size_t k = utf8_lower(s, n, low, WORD_MAX + 1);
    if (!k)
        return NULL;
    size_t nw = key_words(k);
    memset(low + k, 0, nw * 8 - k);
    return get(lx, w, k, nw);
}

/* get for a key of one or two words (w1 zero for one), without arrays or
 * loops: the words of most texts are 16 bytes or less. */
static inline const lex_entry *get_short(const lexicon *lx, uint64_t w0, uint64_t w1, size_t n)
{
    uint64_t h = w0 * 0x9E3779B97F4A7C15ull; /* hash_words, unrolled */
    if (n > 8)
        h = (h ^ w1) * 0x9E3779B97F4A7C15ull;
    h ^= h >> 32;
    h *= 0xD6E8FEB86659FD93ull;
    uint32_t h32 = (uint32_t)(h >> 32);
    if (!(lx->seen[seen_bit(h32) / 64] >> (seen_bit(h32) % 64) & 1))
        return NULL;
    uint32_t tag = h32 >> lx->ibits, low = (1u << lx->ibits) - 1;
    for (size_t i = h32 & lx->imask;; i = (i + 1) & lx->imask) {
        uint32_t v = lx->index[i];
        if (!v)
            return NULL;
        if (v >> lx->ibits == tag) {
            const rec *e = &lx->recs[(v & low) - 1];
            if (e->e.keylen == n && e->k0 == w0 && e->k1 == w1)
                return &e->e;
        }
    }
}

/* Eight bytes of a word, lowercased as utf8_lower does, when they are
 * ASCII and Latin-1 small letters (C2 or C3, then A0-BF: é, è, à, ç…,
 * which utf8_lower leaves as they are): the high bytes of valid UTF-8 all
 * within A0-C3 say so. False for anything else (a capital É is C3 89, the
 * apostrophe ’ is E2 80 99), which goes the way of utf8_lower. Byte by
 * byte on the low seven bits, so no sum carries into the next byte. */
static bool latin1_small_lower8(uint64_t w, uint64_t *out)
{
    uint64_t x = w & ~BYTES_HIGH;
    uint64_t high = w & BYTES_HIGH;
    /* high bytes whose low bits are under 0x20 or over 0x43 */
    if (high & (~(x + 0x6060606060606060ull) | (x + 0x3C3C3C3C3C3C3C3Cull)))
        return false;
    uint64_t upper = (x + 0x3F3F3F3F3F3F3F3Full) & ~(x + 0x2525252525252525ull) & ~w & BYTES_HIGH;
    *out = w | upper >> 2;
    return true;
}

/* lex_get_in for words over 16 bytes, near the end of the text, or not
 * ASCII: apart, so the short way needs no stack frame for their buffers. */
static const lex_entry *get_long(const lexicon *lx, const char *s, size_t n, size_t avail)
{
    if (n <= 16 && avail >= 16) { /* French words with accents, mostly */
        uint64_t w0 = load8(s), w1 = 0;
        if (n <= 8) {
            w0 &= bytes_mask(n);
        } else {
            w1 = load8(s + 8) & bytes_mask(n - 8);
        }
        uint64_t l0, l1;
        if (latin1_small_lower8(w0, &l0) && latin1_small_lower8(w1, &l1))
            return get_short(lx, l0, l1, n);
    }
    /* ASCII words: loaded straight from the text when it has the bytes
     * (else copied), lowercased eight bytes at a time; the same key as
     * utf8_lower makes of them */
    if (n <= WORD_MAX) {
        uint64_t w[KEY_WORDS];
        size_t nw = key_words(n);
        if (avail >= nw * 8) {
            for (size_t k = 0; k < nw; k++)
                w[k] = load8(s + 8 * k);
            w[nw - 1] &= bytes_mask(n - 8 * (nw - 1));
        } else {
            load_key(w, s, n);
        }
        uint64_t any = 0;
        for (size_t k = 0; k < nw; k++)
            any |= w[k];
        if (!(any & BYTES_HIGH)) {
            for (size_t k = 0; k < nw; k++)
                w[k] = ascii_lower8(w[k]);
            return get(lx, w, n, nw);
        }
    }
    return get_unicode(lx, s, n);
}

const lex_entry *lex_get_in(const lexicon *lx, const char *s, size_t n, size_t avail)
{
    if (!n)
        return NULL;
    /* ASCII words of up to 16 bytes, nearly all of them, in two words */
    if (n <= 16 && avail >= 16) {
        uint64_t w0 = load8(s), w1;
        if (n <= 8) { /* one word: the second is not read nor lowercased */
            w0 &= bytes_mask(n);
            if (!(w0 & BYTES_HIGH))
                return get_short(lx, ascii_lower8(w0), 0, n);
        } else {
            w1 = load8(s + 8) & bytes_mask(n - 8);
            if (!((w0 | w1) & BYTES_HIGH))
                return get_short(lx, ascii_lower8(w0), ascii_lower8(w1), n);
        }
    }
    return get_long(lx, s, n, avail);
}

_Static_assert(sizeof(rec) == LEX_STRIDE, "a record is LEX_STRIDE bytes");

const char *lex_entry0(const lexicon *lx)
{
    return (const char *)&lx->recs[0].e;
}

uint64_t lex_next(const lexicon *lx, const lex_entry *e, int kind)
{
    return lx->next[(size_t)((const char *)e - lex_entry0(lx)) / LEX_STRIDE][kind];
}

const lex_entry *lex_get(const lexicon *lx, const char *s, size_t n)
{
    return lex_get_in(lx, s, n, n);
}

const cue_info *lex_cue(const lexicon *lx, int32_t idx)
{
    if (idx < 0 || (size_t)idx >= lx->ncues)
        return NULL;
    return &lx->cues[idx];
}

const lex_endings *lex_endings_of(const lexicon *lx)
{
    return lx->sufs;
}

/* ------------------------------------------------------------------ */
/* Loading                                                              */

/* Adds flag to a (possibly multi-word) key in one language (LANG_UND: both
 * languages, recorded as neutral). Returns the entry or NULL on failure. */
static lex_entry *add(lexicon *lx, const char *s, size_t n, int lang, uint32_t flag)
{
    /* the head of a cue of several words is marked apart: cues.c builds
     * multi-word keys only for those ("de", "in"), not for "the", "le" */
    uint32_t head_flags =
        LX_MW_HEAD | (flag & (LX_CUE_VERB | LX_CUE_NOUN | LX_CUE_PREP) ? LX_MW_CUE_HEAD : 0);
    /* and so are the heads of channels (reported.c) and organisations
     * (mentions.c), which are looked for at every word */
    if (flag & LX_CHANNEL)
        head_flags |= LX_MW_CHANNEL_HEAD;
    if (flag & LX_ORG)
        head_flags |= LX_MW_ORG_HEAD;
    char low[256];
    size_t k = utf8_lower(s, n, low, sizeof low);
    if (!k)
        return NULL;
    /* collapse runs of spaces; strip a trailing period (honorifics "M.") */
    size_t o = 0;
    for (size_t i = 0; i < k; i++) {
        if (low[i] == ' ' && (o == 0 || low[o - 1] == ' '))
            continue;
        low[o++] = low[i];
    }
    while (o && (low[o - 1] == ' ' || low[o - 1] == '.'))
        o--;
    if (!o)
        return NULL;
    load_entry *le = intern(lx, low, o);
    if (!le)
        return NULL;
    le->e.flags |= flag;
    if (lang == LANG_FR)
        le->flags_fr |= flag;
    else if (lang == LANG_EN)
        le->flags_en |= flag;
    /* the first token of a multi-token key: up to a space, or through an
     * elided apostrophe ("d'après") */
    char *sp = memchr(low, ' ', o);
    char *ap = memchr(low, '\'', o);
    if (ap && ap + 1 < low + o && (!sp || ap < sp))
        sp = ap + 1;
    if (sp && sp != low + o) {
        load_entry *h = intern(lx, low, (size_t)(sp - low));
        if (!h)
            return NULL;
        h->e.flags |= head_flags;
        /* intern may have moved the entry when the table grew */
        le = intern(lx, low, o);
    }
    return le ? &le->e : NULL;
}

/* Splits one line into TAB-separated fields; returns the field count. */
static size_t fields(const char *line, size_t n, const char **f, size_t *fl, size_t max)
{
    size_t k = 0, start = 0;
    while (k < max) {
        const char *tab = memchr(line + start, '\t', n - start);
        size_t end = tab ? (size_t)(tab - line) : n;
        f[k] = line + start;
        fl[k] = end - start;
        k++;
        if (!tab)
            break;
        start = end + 1;
    }
    return k;
}

typedef bool (*line_fn)(lexicon *lx, int lang, const char **f, const size_t *fl, size_t nf);

static bool each_line(lexicon *lx, const char *data, int lang, line_fn fn)
{
    const char *p = data;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (n && p[n - 1] == '\r')
            n--;
        if (n && p[0] != '#') {
            const char *f[8];
            size_t fl[8];
            size_t nf = fields(p, n, f, fl, 8);
            if (!fn(lx, lang, f, fl, nf))
                return false;
        }
        if (!nl)
            break;
        p = nl + 1;
    }
    return true;
}

/* Is the field f[0..n) (no NUL in it) the string lit? Byte by byte: the
 * keywords are short, and most differ at the first byte. */
static bool same(const char *f, size_t n, const char *lit)
{
    for (size_t i = 0; i < n; i++)
        if (lit[i] != f[i])
            return false;
    return lit[n] == 0;
}

/* The keywords of the data files' columns and what each stands for. */
typedef struct keyword {
    const char *name;
    uint32_t value;
} keyword;
#define KEYWORDS(t) t, sizeof t / sizeof *t

/* The value of the keyword f[0..n) in t, else dflt. */
static uint32_t keyword_of(const keyword *t, size_t count, const char *f, size_t n, uint32_t dflt)
{
    for (size_t i = 0; i < count; i++)
        if (same(f, n, t[i].name))
            return t[i].value;
    return dflt;
}

/* a language column: fr, en, or either (any; * in channels.tsv) */
static const keyword langs[] = {{"fr", LANG_FR}, {"en", LANG_EN}, {"any", LANG_UND}, {"*", LANG_UND}};
/* cues.*.tsv, column pos (else a verb) */
static const keyword cue_pos[] = {{"noun", LX_CUE_NOUN}, {"prep", LX_CUE_PREP}};
/* firstnames.tsv, roles.*.tsv and pronouns.tsv: gender and number */
static const keyword genders[] = {{"m", G_MASC}, {"f", G_FEM}, {"n", G_NEUTER}};
static const keyword numbers[] = {{"pl", N_PL}, {"sg1", N_SG1}, {"2", N_2ND}}; /* else sg */
/* roles.*.tsv, column kind (else a role); a document is an organisation's
 * poll, study or report; press a noun of a news medium (its bit is
 * token.has's TH_NO_CUE, which such a noun, no cue, has anyway) */
static const keyword role_kinds[] = {{"honorific", LX_HONORIFIC},
                                     {"group", LX_GROUP},
                                     {"org", LX_ORG},
                                     {"document", LX_ORG | LX_DOCUMENT},
                                     {"press", LX_PRESS}};
/* words.*.tsv, column kind (else a marker of the language) */
static const keyword word_kinds[] = {{"det", LX_DET},           {"aux", LX_AUX},           {"stop", LX_STOP},
                                     {"time", LX_TIME},         {"timepart", LX_TIMEPART}, {"adv", LX_ADV},
                                     {"particle", LX_PARTICLE}, {"linker", LX_LINKER},     {"prep", LX_PREP},
                                     {"noun", LX_NOUN}};
/* channels.tsv, column kind (else a document) */
static const keyword channel_kinds[] = {{"platform", LX_PLATFORM}, {"event", LX_EVENT}};

static uint8_t gender_of(const char *f, size_t n)
{
    return (uint8_t)keyword_of(KEYWORDS(genders), f, n, G_UNKNOWN);
}

/* in the order of the speech_act enum */
static const char *const act_names[ACT_COUNT] = {"statement", "accusation", "denial",       "appeal",
                                                 "warning",   "promise",    "announcement", "question",
                                                 "agreement", "criticism",  "belief"};

const char *act_name(speech_act a)
{
    return a < ACT_COUNT ? act_names[a] : act_names[ACT_STATEMENT];
}

/* The act named [s, s + n): false for a name the list does not have (a
 * data file that the build should not accept). */
static bool act_of(const char *s, size_t n, speech_act *out)
{
    for (int a = 0; a < ACT_COUNT; a++)
        if (strlen(act_names[a]) == n && memcmp(act_names[a], s, n) == 0) {
            *out = (speech_act)a;
            return true;
        }
    return false;
}

/* a language column that names none: a line the file should not have */
#define NO_LANG 255u

static bool load_cue(lexicon *lx, int lang, const char **f, const size_t *fl, size_t nf)
{
    if (nf < 4)
        return true; /* malformed lines are skipped; tests check the files */
    uint8_t pos = (uint8_t)keyword_of(KEYWORDS(cue_pos), f[2], fl[2], LX_CUE_VERB);
    speech_act act;
    if (!act_of(f[1], fl[1], &act))
        return false;
    if (act == ACT_BELIEF && !lx->beliefs)
        return true;
    if (lx->ncues == lx->cues_cap) {
        size_t ncap = lx->cues_cap ? lx->cues_cap * 2 : 512;
        cue_info *nc = arena_alloc(&lx->ar, ncap * sizeof *nc);
        if (!nc)
            return false;
        if (lx->ncues)
            memcpy(nc, lx->cues, lx->ncues * sizeof *nc);
        lx->cues = nc;
        lx->cues_cap = ncap;
    }
    cue_info *ci = &lx->cues[lx->ncues];
    ci->lemma = arena_strndup(&lx->ar, f[0], fl[0]);
    ci->pos = pos;
    ci->act = act;
    ci->lang = (uint8_t)lang;
    /* lex_entry.cue holds an index of 16 bits */
    if (!ci->lemma || lx->ncues >= INT16_MAX)
        return false;
    int16_t idx = (int16_t)lx->ncues++;
    const char *s = f[3];
    size_t n = fl[3], start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || s[i] == '|') {
            if (i > start) {
                lex_entry *e = add(lx, s + start, i - start, lang, pos);
                if (!e)
                    return false;
                if (e->cue[lang] < 0)
                    e->cue[lang] = idx;
            }
            start = i + 1;
        }
    }
    return true;
}

static bool load_abbrev(lexicon *lx, int lang, const char **f, const size_t *fl, size_t nf)
{
    (void)nf;
    /* Abbreviations keep their case: "US" is not "us". Stored lowercase but
     * the segmenter checks capitalisation separately where it matters. */
    return add(lx, f[0], fl[0], lang, lang == LANG_FR ? LX_ABBREV_FR : LX_ABBREV_EN) != NULL;
}

static bool load_firstname(lexicon *lx, int lang, const char **f, const size_t *fl, size_t nf)
{
    (void)lang;
    /* for no language in particular: names travel, and mentions.c reads
     * LX_FIRSTNAME from token.has whatever the text's language */
    lex_entry *e = add(lx, f[0], fl[0], LANG_UND, LX_FIRSTNAME);
    if (!e)
        return false;
    if (nf > 1) {
        uint8_t g = gender_of(f[1], fl[1]);
        /* a name listed twice with two genders becomes unisex */
        if (e->gender == G_UNKNOWN || e->gender == g)
            e->gender = g;
    }
    return true;
}

static bool load_role(lexicon *lx, int lang, const char **f, const size_t *fl, size_t nf)
{
    if (nf < 3)
        return true;
    uint32_t flag = keyword_of(KEYWORDS(role_kinds), f[2], fl[2], LX_ROLE);
    lex_entry *e = add(lx, f[0], fl[0], lang, flag);
    if (!e)
        return false;
    uint8_t g = gender_of(f[1], fl[1]);
    if (g != G_UNKNOWN && e->gender == G_UNKNOWN)
        e->gender = g;
    if (flag == LX_GROUP)
        e->number = N_PL;
    return true;
}

static bool load_pronoun(lexicon *lx, int lang, const char **f, const size_t *fl, size_t nf)
{
    (void)lang;
    if (nf < 4)
        return true;
    int l = (int)keyword_of(KEYWORDS(langs), f[1], fl[1], LANG_EN);
    lex_entry *e = add(lx, f[0], fl[0], l, LX_PRONOUN);
    if (!e)
        return false;
    e->gender = gender_of(f[2], fl[2]);
    e->number = (uint8_t)keyword_of(KEYWORDS(numbers), f[3], fl[3], N_SG);
    return true;
}

static bool load_word(lexicon *lx, int lang, const char **f, const size_t *fl, size_t nf)
{
    if (nf < 2)
        return true;
    uint32_t flag = keyword_of(KEYWORDS(word_kinds), f[1], fl[1], LX_LANG);
    return add(lx, f[0], fl[0], lang, flag) != NULL;
}

static bool load_channel(lexicon *lx, int lang, const char **f, const size_t *fl, size_t nf)
{
    (void)lang;
    if (nf < 3)
        return true;
    int l = (int)keyword_of(KEYWORDS(langs), f[1], fl[1], LANG_UND);
    uint32_t flag = LX_CHANNEL | keyword_of(KEYWORDS(channel_kinds), f[2], fl[2], 0);
    return add(lx, f[0], fl[0], l, flag) != NULL;
}

/* The classes of data/classes.tsv by name, in the order of their bits:
 * word_classes[i] is the name of the class 1 << i (WC_* in lexicon.h). */
static const char *const word_classes[] = {
    "and",     "but",       "or",      "while",     "that",      "who",     "which",   "whom",
    "who-is",  "wh",        "if",      "withhold",  "a",         "au",      "de",      "du",
    "agent",   "with",      "for",     "intro",     "reflexive", "object",  "clitic",  "tonic",
    "be",      "raising",   "subord",  "indef",     "some",      "postmod", "mute",    "report",
    "aside",   "gerund",    "what",    "whose",     "medium",    "ne",      "proadv",  "not",
    "aux-inf", "needs-que", "complex", "phrasal",   "quantity",  "to",      "of",      "as",
    "about",   "degree",    "said",    "contracts", "go",        "le",      "adjunct", "even",
    "without", "source",    "fem",     "close",     "elected",   "venue",   "near",    "facing",
};

/* The verb classes of data/verb-classes.tsv (VC_*) and the suffix
 * classes of data/suffixes.tsv (SX_*), the same way. */
static const char *const verb_classes[] = {"say",    "addressee", "object", "tail",   "finding", "as",
                                           "clause", "name",      "cite",   "learn",  "self",    "view",
                                           "que",    "plain",     "charge", "not-de", "light"};
static const char *const suffix_classes[SX_COUNT] = {"participle", "gerund",     "adverb",
                                                     "infinitive", "possessive", "adjective"};

/* The bit of the name s[0..n) in names[0..count): 1 << its place, 0 if
 * it is not there. */
static uint64_t bit_named(const char *const *names, size_t count, const char *s, size_t n)
{
    for (size_t i = 0; i < count; i++)
        if (same(s, n, names[i]))
            return 1ull << i;
    return 0;
}

static bool load_verb_class(lexicon *lx, int lang, const char **f, const size_t *fl, size_t nf)
{
    (void)lang;
    if (nf < 2)
        return true;
    uint32_t c = 0;
    const char *p = f[1];
    size_t n = fl[1], start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && p[i] != ',')
            continue;
        const char *w = p + start;
        size_t k = i - start;
        c |= (uint32_t)bit_named(verb_classes, sizeof verb_classes / sizeof *verb_classes, w, k);
        start = i + 1;
    }
    /* every cue entry of that lemma, in either language */
    for (size_t i = 0; i < lx->ncues; i++)
        if (lx->cues[i].lemma[0] == (fl[0] ? f[0][0] : 0) && same(f[0], fl[0], lx->cues[i].lemma))
            lx->cues[i].classes |= c;
    return true;
}

/* One line of data/classes.tsv: class, language (fr, en or any), word.
 * The word gets the class in its language's wc and in wc[LANG_UND]; it
 * gets no flag, so the other stages see it as before. */
static bool load_class(lexicon *lx, int lang, const char **f, const size_t *fl, size_t nf)
{
    (void)lang;
    if (nf < 3)
        return true;
    uint64_t bit = bit_named(word_classes, sizeof word_classes / sizeof *word_classes, f[0], fl[0]);
    uint32_t lg = keyword_of(KEYWORDS(langs), f[1], fl[1], NO_LANG);
    bool fr = lg == LANG_FR || lg == LANG_UND, en = lg == LANG_EN || lg == LANG_UND;
    char low[64];
    size_t n = utf8_lower(f[2], fl[2], low, sizeof low);
    if (!bit || !n)
        return false; /* a class or word the file should not have */
    load_entry *le = intern(lx, low, n);
    if (!le)
        return false;
    le->e.wc[LANG_UND] |= bit;
    le->e.wc[LANG_FR] |= fr ? bit : 0;
    le->e.wc[LANG_EN] |= en ? bit : 0;
    return true;
}

/* One line of data/suffixes.tsv: class, language (fr, en or any),
 * ending. */
static bool load_suffix(lexicon *lx, int lang, const char **f, const size_t *fl, size_t nf)
{
    (void)lang;
    if (nf < 3)
        return true;
    uint64_t bit = bit_named(suffix_classes, SX_COUNT, f[0], fl[0]);
    uint32_t lg = keyword_of(KEYWORDS(langs), f[1], fl[1], NO_LANG);
    bool fr = lg == LANG_FR || lg == LANG_UND, en = lg == LANG_EN || lg == LANG_UND;
    if (!bit || !(fr || en) || !fl[2] || fl[2] > LEX_ENDING_LEN || memchr(f[2], 0, fl[2]))
        return false; /* a class, language or ending the file should not have */
    int cls = 0;
    while (!(bit >> cls & 1))
        cls++;
    unsigned char v[LEX_ENDING_LEN] = {0}, m[LEX_ENDING_LEN] = {0};
    memcpy(v + LEX_ENDING_LEN - fl[2], f[2], fl[2]);
    memset(m + LEX_ENDING_LEN - fl[2], 0xff, fl[2]);
    /* in its language's list and in that of LANG_UND */
    for (int l = 0; l < 3; l++) {
        lex_endings *x = &lx->sufs[l * SX_COUNT + cls];
        if ((l == LANG_FR && !fr) || (l == LANG_EN && !en))
            continue;
        if (x->n == LEX_ENDINGS_MAX)
            return false;
        memcpy(&x->val[x->n], v, sizeof *x->val);
        memcpy(&x->mask[x->n], m, sizeof *x->mask);
        x->len[x->n++] = (uint8_t)fl[2];
    }
    return true;
}

/* cue_span, for cues.c, which joins the tokens after a word into keys of
 * up to that many tokens. Two word tokens stand side by side in a text only
 * after whitespace (a space in the key), after an elided apostrophe or
 * after the period of an acronym (U.S.): a key with b of those characters
 * spans at most b + 1 tokens, and its first token is one of its prefixes
 * that end before a space or after an apostrophe or period. Each such
 * prefix in the lexicon is told the longest span of the cue keys it
 * begins, and the first byte of the word that follows it there
 * (lex_next), as are those of the adverbs of several words. */
static void mark_cue_spans(lexicon *lx)
{
    for (size_t i = 0; i < lx->cap; i++) {
        const slot *sl = &lx->slots[i];
        const lex_entry *e = &lx->ents[i].e;
        if (!lx->tags[i])
            continue; /* an empty slot: its entry was never written */
        bool cue = e->cue[0] >= 0 || e->cue[1] >= 0 || e->cue[2] >= 0;
        /* the adverbs of several words too, for adverbial_at (their
         * spans are not asked) */
        bool adv = (e->flags & LX_ADV) != 0;
        if (!cue && !adv)
            continue;
        const char *k = (const char *)sl->key;
        size_t n = sl->keylen, b = 0;
        for (size_t j = 0; j < n; j++)
            b += k[j] == ' ' || k[j] == '\'' || k[j] == '.';
        uint8_t span = b + 1 < 255 ? (uint8_t)(b + 1) : 255;
        for (size_t j = 0; j < n; j++) {
            size_t p = k[j] == ' ' ? j : (k[j] == '\'' || k[j] == '.') ? j + 1 : 0;
            if (!p || p >= n)
                continue;
            uint64_t w[KEY_WORDS];
            size_t nw = load_key(w, k, p);
            slot *ps = find(lx, w, p, hash_words(w, nw));
            load_entry *pl = &lx->ents[ps - lx->slots];
            if (!lx->tags[ps - lx->slots])
                continue;
            unsigned char next = (unsigned char)(k[p] == ' ' ? k[p + 1] : k[p]);
            if (cue) {
                if (pl->e.cue_span < span)
                    pl->e.cue_span = span;
                pl->next[LX_NEXT_CUE] |= 1ull << (next & 63);
            }
            if (adv)
                pl->next[LX_NEXT_ADV] |= 1ull << (next & 63);
        }
    }
}

/* The filter of cue key prefixes (lex_may_start_cue): one bit per hash
 * of every prefix of every cue key, so that a key built word by word can
 * stop at a word where no cue key goes on. At most 55,000 prefixes (the
 * bytes of the cue forms) in 2^18 bits, a fifth of them set: about one
 * key in five that starts no cue key passes anyway, and is then looked
 * up as before. Made at load: some 1.2M instructions per engine. */
#define CUE_PREFIX_BITS (1u << 18)
#define FNV_PRIME 1099511628211u

uint64_t lex_prefix_hash(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * FNV_PRIME;
    return h;
}

static size_t prefix_bit(uint64_t h)
{
    return (size_t)(h >> 46); /* the top 18 bits: FNV mixes them most */
}

bool lex_may_start_cue(const lexicon *lx, uint64_t h)
{
    size_t b = prefix_bit(h);
    return (lx->cue_prefix[b / 64] >> (b % 64)) & 1;
}

static void mark_cue_prefixes(lexicon *lx)
{
    for (size_t i = 0; i < lx->cap; i++) {
        const lex_entry *e = &lx->ents[i].e;
        if (!lx->tags[i] || (e->cue[0] < 0 && e->cue[1] < 0 && e->cue[2] < 0))
            continue;
        const char *k = (const char *)lx->slots[i].key;
        uint64_t h = LEX_PREFIX_START;
        for (size_t j = 0; j < lx->slots[i].keylen; j++) {
            h = lex_prefix_hash(h, k + j, 1);
            size_t b = prefix_bit(h);
            lx->cue_prefix[b / 64] |= 1ull << (b % 64);
        }
    }
}

/* has and may_cue of every entry, once all flags and cues are in: what
 * lex_has and cues.c would otherwise work out from three fields for each
 * token they are asked about, for each language. */
static void mark_may_cue(lexicon *lx)
{
    for (size_t i = 0; i < lx->cap; i++) {
        lex_entry *e = &lx->ents[i].e;
        if (!lx->tags[i])
            continue;
        uint32_t fr = lx->ents[i].flags_fr, en = lx->ents[i].flags_en;
        uint32_t neutral = e->flags & ~(fr | en);
        e->has[LANG_UND] = e->flags;
        e->has[LANG_FR] = neutral | fr;
        e->has[LANG_EN] = neutral | en;
        uint8_t m = 0;
        bool head = (e->flags & LX_MW_CUE_HEAD) != 0;
        if (head || lex_has(e, LANG_UND, LX_AUX) || e->cue[LANG_FR] >= 0 || e->cue[LANG_EN] >= 0)
            m |= 1u << LANG_UND;
        /* a French verb that governs an infinitive may start a cue: "tient
         * à préciser", "vient de déclarer" (cues.c, raised_infinitive) */
        if (head || lex_has(e, LANG_FR, LX_AUX) || e->cue[LANG_FR] >= 0 || (e->wc[LANG_FR] & WC_RAISING))
            m |= 1u << LANG_FR;
        if (head || lex_has(e, LANG_EN, LX_AUX) || e->cue[LANG_EN] >= 0)
            m |= 1u << LANG_EN;
        e->may_cue = m;
    }
}

/* The order pack places keys in (see there): a tier by the entry's
 * flags, then the key's length. */
static size_t place_bucket(const lexicon *lx, size_t i)
{
    static const uint32_t tiers[] = {LX_DET | LX_STOP | LX_AUX | LX_PRONOUN | LX_PREP | LX_LINKER | LX_TIME | LX_LANG,
                                     LX_CUE_VERB | LX_CUE_NOUN | LX_CUE_PREP | LX_ADV | LX_ROLE | LX_CHANNEL};
    size_t tier = 0;
    while (tier < 2 && !(lx->ents[i].e.flags & tiers[tier]))
        tier++;
    return tier * (KEY_MAX + 1) + lx->slots[i].keylen;
}

/* The lookup tables of the loaded ones (see struct lexicon). */
static bool pack(lexicon *lx)
{
    size_t n = lx->count, icap = 1024;
    while (icap < 2 * n)
        icap *= 2; /* a load of at most one half: short probe runs */
    unsigned ibits = 1;
    while (((size_t)1 << ibits) <= n)
        ibits++; /* record numbers 1..n */
    if (ibits > 30)
        return false;
    /* 64-byte records: the arena aligns to 8, so one record more */
    /* records and long keys are filled whole below: not zeroed first */
    char *raw = arena_alloc_raw(&lx->ar, (n + 1) * sizeof(rec));
    lx->index = arena_alloc(&lx->ar, icap * sizeof *lx->index);
    lx->long_keys = arena_alloc_raw(&lx->ar, (n ? n : 1) * sizeof *lx->long_keys);
    lx->next = arena_alloc_raw(&lx->ar, (n ? n : 1) * sizeof *lx->next);
    if (!raw || !lx->index || !lx->long_keys || !lx->next)
        return false;
    lx->recs = (rec *)(raw + (alignof(rec) - (uintptr_t)raw % alignof(rec)) % alignof(rec));
    lx->imask = icap - 1;
    lx->ibits = ibits;
    /* Linear probing puts the keys placed first at their own slot: the
     * function words go first (in any text they are most of the words
     * looked up), then cues and roles, first names and the like last;
     * within each, the shorter keys first (short words are the frequent
     * ones). So most lookups that find their word find it at the first
     * slot: placed in hash order, 18% of them took a second probe. The
     * order: a counting sort by (tier, key length), slot order within. */
    enum { BUCKETS = 3 * (KEY_MAX + 1) };
    size_t *start = dx_malloc(lx->ar.alloc, (BUCKETS + 1) * sizeof *start);
    uint32_t *order = dx_malloc(lx->ar.alloc, (n ? n : 1) * sizeof *order);
    if (!start || !order) {
        dx_free(lx->ar.alloc, start);
        dx_free(lx->ar.alloc, order);
        return false;
    }
    memset(start, 0, (BUCKETS + 1) * sizeof *start);
    for (size_t i = 0; i < lx->cap; i++)
        if (lx->tags[i])
            start[place_bucket(lx, i) + 1]++;
    for (size_t k = 0; k < BUCKETS; k++)
        start[k + 1] += start[k];
    for (size_t i = 0; i < lx->cap; i++)
        if (lx->tags[i])
            order[start[place_bucket(lx, i)]++] = (uint32_t)i;
    for (size_t r = 0; r < n; r++) {
        size_t i = order[r];
        const slot *sl = &lx->slots[i];
        rec *e = &lx->recs[r];
        e->k0 = sl->key[0];
        e->k1 = sl->keylen > 8 ? sl->key[1] : 0;
        e->e = lx->ents[i].e;
        e->e.keylen = (uint8_t)sl->keylen;
        lx->long_keys[r] = sl->key;
        memcpy(lx->next[r], lx->ents[i].next, sizeof lx->next[r]);
        size_t j = sl->hash & lx->imask;
        while (lx->index[j])
            j = (j + 1) & lx->imask;
        lx->index[j] = (sl->hash >> ibits) << ibits | (uint32_t)(r + 1);
    }
    dx_free(lx->ar.alloc, order);
    dx_free(lx->ar.alloc, start);
    free_loading(lx);
    return true;
}

bool lex_beliefs(const lexicon *lx)
{
    return lx->beliefs;
}

const char *lex_plain_lemma(const lexicon *lx, int lang)
{
    int16_t i = lx->plain[lang == LANG_EN ? LANG_EN : LANG_FR];
    return i >= 0 ? lx->cues[i].lemma : NULL;
}

int lex_verb_cue_of_lemma(const lexicon *lx, int lang, const char *s, size_t n)
{
    /* a linear scan: asked only after a verb that governs an infinitive */
    for (size_t i = 0; i < lx->ncues; i++)
        if (lx->cues[i].lang == lang && lx->cues[i].pos == LX_CUE_VERB && same(s, n, lx->cues[i].lemma))
            return (int)i;
    return -1;
}

/* The cue of class "plain" of each language (the first, if several). */
static void find_plain(lexicon *lx)
{
    for (size_t i = lx->ncues; i-- > 0;)
        if ((lx->cues[i].classes & VC_PLAIN) && lx->cues[i].lang <= LANG_EN)
            lx->plain[lx->cues[i].lang] = (int16_t)i;
}

lexicon *lexicon_new(const dixit_allocator *a, bool beliefs)
{
    lexicon *lx = dx_malloc(a, sizeof *lx);
    if (!lx)
        return NULL;
    memset(lx, 0, sizeof *lx);
    lx->beliefs = beliefs;
    lx->plain[0] = lx->plain[1] = lx->plain[2] = -1;
    arena_init(&lx->ar, a);
    lx->seen = arena_alloc(&lx->ar, SEEN_BITS / 8);
    lx->cue_prefix = arena_alloc(&lx->ar, CUE_PREFIX_BITS / 8);
    bool ok =
        lx->seen && lx->cue_prefix && grow(lx) && each_line(lx, dx_cues_fr, LANG_FR, load_cue) &&
        each_line(lx, dx_cues_en, LANG_EN, load_cue) && each_line(lx, dx_abbrev_fr, LANG_FR, load_abbrev) &&
        each_line(lx, dx_abbrev_en, LANG_EN, load_abbrev) &&
        each_line(lx, dx_firstnames, LANG_UND, load_firstname) &&
        each_line(lx, dx_roles_fr, LANG_FR, load_role) && each_line(lx, dx_roles_en, LANG_EN, load_role) &&
        each_line(lx, dx_pronouns, LANG_UND, load_pronoun) &&
        each_line(lx, dx_words_fr, LANG_FR, load_word) && each_line(lx, dx_words_en, LANG_EN, load_word) &&
        each_line(lx, dx_channels, LANG_UND, load_channel) &&
        each_line(lx, dx_verb_classes, LANG_UND, load_verb_class) &&
        each_line(lx, dx_classes, LANG_UND, load_class) && each_line(lx, dx_suffixes, LANG_UND, load_suffix);
    if (ok) {
        mark_cue_spans(lx);
        mark_cue_prefixes(lx);
        mark_may_cue(lx);
        ok = pack(lx);
    }
    if (ok)
        find_plain(lx);
    if (!ok) {
        lexicon_free(lx);
        return NULL;
    }
    return lx;
}

void lexicon_free(lexicon *lx)
{
    if (!lx)
        return;
    const dixit_allocator *a = lx->ar.alloc;
    free_loading(lx);
    arena_free(&lx->ar);
    dx_free(a, lx);
}
