/*
 * unit.c: unit tests per stage (cmocka). Internal functions are reached
 * through the stage headers of src/; the end-to-end behaviour is in the spec files.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "alloc.h"
#include "analysis.h"
#include "cues.h"
#include "engine.h"
#include "lang.h"
#include "lexicon.h"
#include "people.h"
#include "quotes.h"
#include "score.h"
#include "segment.h"
#include "utf8.h"
#include "zones.h"

static dixit_engine *eng;

static int setup(void **state)
{
    (void)state;
    eng = dixit_engine_new(NULL);
    return eng ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    dixit_engine_free(eng);
    return 0;
}

/* Runs the stages up to sentences on a text, in a caller's arena. */
typedef struct fixture {
    arena ar;
    analysis an;
    dixit_doc doc;
} fixture;

static void analyse(fixture *f, const char *text, int lang)
{
    memset(f, 0, sizeof *f);
    arena_init(&f->ar, NULL);
    f->doc.id = "t";
    f->doc.text = text;
    f->doc.len = strlen(text);
    f->an.ar = &f->ar;
    f->an.eng = eng;
    f->an.lx = eng->lx;
    f->an.lex0 = lex_entry0(eng->lx);
    f->an.endings = lex_endings_of(eng->lx);
    f->an.doc = &f->doc;
    f->an.text = text;
    f->an.len = f->doc.len;
    f->an.lang = lang;
    assert_true(segment_tokens(&f->an));
    assert_true(quotes_pair(&f->an));
    assert_true(segment_sentences(&f->an));
    zones_mark(&f->an, &eng->zones);
}

static void done(fixture *f)
{
    analysis_free(&f->an);
    arena_free(&f->ar);
}

/* ---------------------------------------------------------------- utf8 */

static void test_utf8_validate(void **state)
{
    (void)state;
    assert_int_equal(utf8_validate("abc", 3), 3);
    assert_int_equal(utf8_validate("\xc3\xa9t\xc3\xa9", 5), 5);
    assert_int_equal(utf8_validate("ab\xc3", 3), 2);           /* truncated */
    assert_int_equal(utf8_validate("a\xc0\xaf", 3), 1);        /* overlong */
    assert_int_equal(utf8_validate("\xed\xa0\x80", 3), 0);     /* surrogate */
    assert_int_equal(utf8_validate("\xf4\x90\x80\x80", 4), 0); /* > U+10FFFF */
    assert_int_equal(utf8_count("\xc2\xab\xe2\x80\xaf"
                                "a",
                                6),
                     3);
    /* the 64-byte marks agree with utf8_count, whatever falls on a step:
     * "é" (2 bytes) and "«" + narrow space (5 bytes) repeated past 200 */
    char text[230];
    size_t n = 0;
    while (n + 7 <= sizeof text) {
        memcpy(text + n,
               "\xc3\xa9"
               "\xc2\xab\xe2\x80\xaf",
               7);
        n += 7 - (n % 3 == 0 ? 5 : 0); /* some steps cut a character */
    }
    uint32_t m[230 / 64 + 1];
    utf8_marks64(text, n, m);
    for (size_t k = 0; k <= n / 64; k++)
        assert_int_equal(m[k], utf8_count(text, 64 * k));
}

/* ------------------------------------------------------------- segment */

static void test_tokens_french(void **state)
{
    (void)state;
    fixture f;
    analyse(&f, "l'armée a-t-il dit aujourd'hui", LANG_FR);
    assert_int_equal(f.an.ntoks, 5);
    assert_true(tok_is(&f.an, 0, "l'"));
    assert_true(tok_is(&f.an, 1, "armée"));
    assert_true(tok_is(&f.an, 2, "a-t-il"));
    assert_true(tok_is(&f.an, 4, "aujourd'hui"));
    done(&f);
}

static void test_tokens_english(void **state)
{
    (void)state;
    fixture f;
    analyse(&f, "Don't cut the U.S. budget by 3.5 percent in the '90s.", LANG_EN);
    assert_true(tok_is(&f.an, 0, "Don't"));
    assert_true(tok_is(&f.an, 3, "U.S."));
    assert_true(tok_is(&f.an, 6, "3.5"));
    assert_true(tok_is(&f.an, 10, "'90s"));
    done(&f);
    /* a dash typed as hyphens is one dash; a hyphen inside a word stays */
    analyse(&f, "Kall -- a co-editor --- said", LANG_EN);
    assert_int_equal(f.an.ntoks, 6);
    assert_int_equal(f.an.toks[1].cp, 0x2014);
    assert_true(tok_is(&f.an, 3, "co-editor"));
    assert_int_equal(f.an.toks[4].cp, 0x2014);
    done(&f);
}

/* tok_index_near agrees with tok_index from every hint, at every byte. */
static void test_tok_index_near(void **state)
{
    (void)state;
    fixture f;
    analyse(&f, "  Elle a dit : « Oui. »  Then, he said no -- twice.\n\nFin.", LANG_UND);
    for (size_t b = 0; b <= f.an.len + 2; b++)
        for (size_t h = 0; h <= f.an.ntoks + 1; h++)
            assert_int_equal(tok_index_near(&f.an, b, h), tok_index(&f.an, b));
    done(&f);
}

static void test_sentences(void **state)
{
    (void)state;
    fixture f;
    analyse(&f, "M. Dupont est venu. Il a parlé avec Mme Roy. U.S. officials agree.", LANG_FR);
    assert_int_equal(f.an.nsents, 3);
    done(&f);
    analyse(&f, "\xc2\xab Nous partons. Vite. \xc2\xbb, a-t-il dit. Puis il est parti.", LANG_FR);
    assert_int_equal(f.an.nsents, 2); /* no sentence ends inside a quotation */
    done(&f);
    analyse(&f, "He waited... Then he left. Sen. Jo Hart agreed.", LANG_EN);
    assert_int_equal(f.an.nsents, 3);
    done(&f);
}

static void test_paragraphs(void **state)
{
    (void)state;
    fixture f;
    analyse(&f, "One.\n\nTwo.\n \nThree.", LANG_EN);
    assert_int_equal(f.an.nparas, 3);
    done(&f);
    analyse(&f, "Line one.\nLine two.", LANG_EN); /* no blank line: one per line */
    assert_int_equal(f.an.nparas, 2);
    done(&f);
}

/* -------------------------------------------------------------- quotes */

static void test_quotes_guillemets(void **state)
{
    (void)state;
    fixture f;
    analyse(&f,
            "\xc2\xab\xe2\x80\xaf"
            "Bonjour\xe2\x80\xaf\xc2\xbb, a-t-il dit.",
            LANG_FR);
    assert_int_equal(f.an.nquotes, 1);
    const quote *q = &f.an.quotes[0];
    assert_int_equal(q->end - q->start, 7); /* narrow no-break spaces excluded */
    assert_memory_equal(f.an.text + q->start, "Bonjour", 7);
    done(&f);
}

static void test_quotes_nested_and_apostrophes(void **state)
{
    (void)state;
    fixture f;
    analyse(&f, "\"It's the 'best' plan in the '90s,\" she said of Sanders' campaign.", LANG_EN);
    size_t outer = 0;
    for (size_t i = 0; i < f.an.nquotes; i++)
        outer += f.an.quotes[i].depth == 0;
    assert_int_equal(outer, 1);
    assert_int_equal(f.an.nquotes, 2); /* 'best' nested, apostrophes ignored */
    done(&f);
}

static void test_quotes_multi_paragraph(void **state)
{
    (void)state;
    fixture f;
    analyse(&f, "\xc2\xab Un.\n\n\xc2\xab Deux. \xc2\xbb, a-t-elle dit.", LANG_FR);
    assert_int_equal(f.an.nquotes, 1);
    assert_int_equal(f.an.quotes[0].para_first, 0);
    assert_int_equal(f.an.quotes[0].para_last, 1);
    done(&f);
}

static void test_quotes_unbalanced(void **state)
{
    (void)state;
    fixture f;
    analyse(&f, "Il a dit \xc2\xab rien du tout.\n\nAutre paragraphe \xc2\xbb sans ouverture.", LANG_FR);
    assert_int_equal(f.an.nquotes, 1);
    assert_true(f.an.quotes[0].recovered);
    assert_int_equal(f.an.quotes[0].para_last, 0); /* never swallows the next paragraph */
    done(&f);
}

static void test_quotes_afp_plus(void **state)
{
    (void)state;
    fixture f;
    analyse(&f, "\xc2\xab Ils criaient +partez+ partout \xc2\xbb, dit-il. Et 2 + 2 font 4.", LANG_FR);
    size_t outer = 0;
    for (size_t i = 0; i < f.an.nquotes; i++)
        outer += f.an.quotes[i].depth == 0;
    assert_int_equal(outer, 1);
    assert_int_equal(f.an.nquotes, 2);
    done(&f);
}

/* --------------------------------------------------------------- zones */

static void test_zones(void **state)
{
    (void)state;
    fixture f;
    analyse(
        &f,
        "Titre sans point\n\nFILE PHOTO: A man speaks.\n\nUn habitant dans sa maison (REUTERS/Jean Roy)\n\n"
        "Lire aussi : la suite\n\nLe texte commence ici.\n\nEditor\xe2\x80\x99s note: a boilerplate line.",
        LANG_FR);
    assert_int_equal(f.an.nparas, 6);
    assert_int_equal(f.an.paras[5].zone, ZONE_BOILERPLATE);
    assert_int_equal(f.an.paras[0].zone, ZONE_HEADLINE);
    assert_int_equal(f.an.paras[1].zone, ZONE_CAPTION);
    assert_int_equal(f.an.paras[2].zone, ZONE_CAPTION);
    assert_int_equal(f.an.paras[3].zone, ZONE_BOILERPLATE);
    assert_int_equal(f.an.paras[4].zone, ZONE_BODY);
    done(&f);
}

/* ---------------------------------------------------------------- lang */

/* --------------------------------------------------------- people */

/* A speaker noted by name, as the attribution stages note them. */
static void note_person(fixture *f, mention_table *mt, const char *name, uint8_t g, size_t at)
{
    dixit_party p;
    memset(&p, 0, sizeof p);
    p.present = 1;
    p.name = name;
    p.kind = DIXIT_KIND_PERSON;
    p.resolved_by = DIXIT_BY_NAME;
    p.mention.start = at;
    p.mention.end = at + 1;
    mentions_note_speaker(&f->an, mt, &p, g);
}

/* by_surname after a person is named again and again: the entries a
 * newer one repeats leave its chain (link_surname), and the answer is
 * still the fullest name of a compatible gender, the newest of equals. */
static void test_by_surname_repeats(void **state)
{
    (void)state;
    fixture f;
    analyse(&f, "texte sans nom.", LANG_FR);
    mention_table *mt = mentions_build(&f.an);
    assert_non_null(mt);
    size_t at = 0;
    note_person(&f, mt, "Julie Castel", G_FEM, at++);
    for (int i = 0; i < 20; i++) {
        note_person(&f, mt, "Castel", G_UNKNOWN, at++);
        note_person(&f, mt, "Arnaud Castel", G_MASC, at++);
        note_person(&f, mt, "Castel", G_MASC, at++);
    }
    note_person(&f, mt, "Julie Castel", G_FEM, at++);
    size_t julie_last = at - 1;
    for (int i = 0; i < 5; i++)
        note_person(&f, mt, "Castel", G_UNKNOWN, at++);
    const person *p = by_surname(mt, "Castel", 6, G_FEM);
    assert_non_null(p);
    assert_string_equal(p->full, "Julie Castel");
    assert_int_equal(p->start, julie_last);
    p = by_surname(mt, "Castel", 6, G_MASC);
    assert_non_null(p);
    assert_string_equal(p->full, "Arnaud Castel");
    assert_int_equal(p->start, julie_last - 2);
    /* any gender: the longer name */
    p = by_surname(mt, "Castel", 6, G_UNKNOWN);
    assert_non_null(p);
    assert_string_equal(p->full, "Arnaud Castel");
    assert_null(by_surname(mt, "Roy", 3, G_UNKNOWN));
    mentions_free(mt);
    done(&f);
}

static void test_lang(void **state)
{
    (void)state;
    const char *fr = "Le président a déclaré que les forces sont dans la ville.";
    const char *en = "The president said that the forces were in the city.";
    const char *xx = "Der Präsident sagte heute etwas.";
    assert_int_equal(lang_detect(eng->lx, fr, strlen(fr)), LANG_FR);
    assert_int_equal(lang_detect(eng->lx, en, strlen(en)), LANG_EN);
    assert_int_equal(lang_detect(eng->lx, xx, strlen(xx)), LANG_UND);
}

/* A French article that opens with a paragraph in English (a wire
 * photo's caption): the language is the body's, so the scan must read
 * past the first twenty-odd function words before it decides. */
static void test_lang_caption_first(void **state)
{
    (void)state;
    static const char en[] =
        "The two leaders were expected to discuss energy prices and the war with their "
        "ministers, and they said that the talks would be long. It is the first time that "
        "they have met since the summer, when the two men were at odds over the price of "
        "gas and the future of the plants in the east of the country.\n\n";
    static const char fr[] =
        "Le maire a déclaré mardi que la ville et la région devaient avancer ensemble sur "
        "la rénovation du port. Il a ajouté devant la presse que les deux conseils avaient "
        "les mêmes objectifs et que le vote de printemps serait décisif pour la suite. ";
    char text[4096];
    size_t n = 0;
    memcpy(text, en, sizeof en - 1);
    n += sizeof en - 1;
    for (int i = 0; i < 8; i++) {
        memcpy(text + n, fr, sizeof fr - 1);
        n += sizeof fr - 1;
    }
    assert_true(n < sizeof text);
    assert_int_equal(lang_detect(eng->lx, text, n), LANG_FR);
}

/* ---------------------------------------------------------------- cues */

static void test_cues(void **state)
{
    (void)state;
    fixture f;
    cue_match m;
    analyse(&f, "a-t-il ajouté ; a déclaré ; poursuit-elle ; s'est exclamé", LANG_FR);
    assert_true(cue_at(&f.an, 0, &m));
    assert_int_equal(m.tok_last, 1);
    assert_int_equal(m.pron_gender, G_MASC);
    assert_string_equal(lex_cue(eng->lx, m.cue)->lemma, "ajouter");
    assert_true(cue_at(&f.an, 3, &m));
    assert_string_equal(lex_cue(eng->lx, m.cue)->lemma, "déclarer");
    assert_true(cue_at(&f.an, 6, &m));
    assert_int_equal(m.pron_gender, G_FEM);
    assert_true(cue_at(&f.an, 8, &m));
    assert_int_equal(m.tok_last, 10);
    done(&f);
    analyse(&f, "according to the police, he has said", LANG_EN);
    assert_true(cue_at(&f.an, 0, &m));
    assert_int_equal(m.tok_last, 1);
    assert_int_equal(lex_cue(eng->lx, m.cue)->pos, LX_CUE_PREP);
    assert_true(cue_at(&f.an, 6, &m));  /* "has said" */
    assert_false(cue_at(&f.an, 3, &m)); /* "police" */
    done(&f);
}

/* -------------------------------------------------------------- reader */

typedef struct collected {
    int docs, errors;
    char id[64], date[16];
    size_t body, last_line, last_byte;
    dixit_status last;
} collected;

static int col_doc(void *ctx, const dixit_doc *d)
{
    collected *c = ctx;
    c->docs++;
    snprintf(c->id, sizeof c->id, "%s", d->id);
    snprintf(c->date, sizeof c->date, "%s", d->date ? d->date : "");
    c->body = d->body;
    return 0;
}

static void col_err(void *ctx, const dixit_error *e)
{
    collected *c = ctx;
    c->errors++;
    c->last = e->status;
    c->last_line = e->line;
    c->last_byte = e->byte;
}

static void feed_all(dixit_input kind, const char *name, const char *s, size_t n, size_t chunk, collected *c)
{
    memset(c, 0, sizeof *c);
    dixit_reader *r = dixit_reader_new(kind, name, 64, NULL, col_doc, col_err, c);
    assert_non_null(r);
    for (size_t i = 0; i < n; i += chunk)
        assert_int_equal(dixit_reader_feed(r, s + i, n - i < chunk ? n - i : chunk), DIXIT_OK);
    assert_int_equal(dixit_reader_finish(r), DIXIT_OK);
    dixit_reader_free(r);
}

static void test_reader_txt(void **state)
{
    (void)state;
    collected c;
    const char *t = " date 2022-03 Texte.";
    feed_all(DIXIT_INPUT_TXT, "dir/art-1.txt", t, strlen(t), 3, &c);
    assert_int_equal(c.docs, 1);
    assert_string_equal(c.id, "art-1");
    assert_string_equal(c.date, "2022-03");
    assert_int_equal(c.body, 14);
    const char *bad = "ok\nbad \xff here";
    feed_all(DIXIT_INPUT_TXT, "b.txt", bad, strlen(bad), 1, &c);
    assert_int_equal(c.docs, 0);
    assert_int_equal(c.last, DIXIT_EUTF8);
    assert_int_equal(c.last_line, 2);
    assert_int_equal(c.last_byte, 7);
    char big[100];
    memset(big, 'a', sizeof big);
    feed_all(DIXIT_INPUT_TXT, "big.txt", big, sizeof big, 7, &c); /* limit is 64 */
    assert_int_equal(c.docs, 0);
    assert_int_equal(c.last, DIXIT_ETOOBIG);
}

static void test_reader_jsonl(void **state)
{
    (void)state;
    collected c;
    const char *s = "{\"id\":\"a\",\"text\":\"Un.\"}\n{\"id\": 3, \"maintext\":\"x\", "
                    "\"date_publish\":\"2020-01-02 10:00\"}\n"
                    "{broken\n{\"id\":\"n\"}\n\n{\"text\":\"last\"}";
    for (size_t chunk = 1; chunk < 9; chunk += 3) {
        feed_all(DIXIT_INPUT_JSONL, "x.jsonl", s, strlen(s), chunk, &c);
        assert_int_equal(c.docs, 3);
        assert_int_equal(c.errors, 2);
        assert_string_equal(c.id, "x:6"); /* no id: stem and line */
    }
}

/* Lines split by one reader and read by another give what feed gives. */
typedef struct split {
    dixit_reader *reader; /* reads the lines */
    int lines;
} split;

static int split_line(void *ctx, const char *line, size_t n, size_t lineno, size_t offset)
{
    split *sp = ctx;
    sp->lines++;
    assert_int_equal(dixit_reader_line(sp->reader, line, n, lineno, offset), DIXIT_OK);
    return 0;
}

static void split_err(void *ctx, const dixit_error *e)
{
    (void)ctx;
    (void)e;
    fail_msg("the splitting reader reported an error");
}

static void test_reader_split(void **state)
{
    (void)state;
    const char *s = "{\"id\":\"a\",\"text\":\"Un.\"}\n{\"id\": 3, \"maintext\":\"x\", "
                    "\"date_publish\":\"2020-01-02 10:00\"}\n"
                    "{broken\n{\"id\":\"n\"}\n\n{\"text\":\"last\"}";
    for (size_t chunk = 1; chunk < 40; chunk += 3) {
        collected whole, parts;
        feed_all(DIXIT_INPUT_JSONL, "x.jsonl", s, strlen(s), chunk, &whole);
        memset(&parts, 0, sizeof parts);
        split sp = {dixit_reader_new(DIXIT_INPUT_JSONL, "x.jsonl", 64, NULL, col_doc, col_err, &parts), 0};
        dixit_reader *r = dixit_reader_new(DIXIT_INPUT_JSONL, "x.jsonl", 64, NULL, NULL, split_err, &sp);
        assert_non_null(sp.reader);
        assert_non_null(r);
        dixit_reader_on_line(r, split_line);
        size_t n = strlen(s);
        for (size_t i = 0; i < n; i += chunk)
            assert_int_equal(dixit_reader_feed(r, s + i, n - i < chunk ? n - i : chunk), DIXIT_OK);
        assert_int_equal(dixit_reader_finish(r), DIXIT_OK);
        assert_int_equal(sp.lines, 6);
        assert_int_equal(parts.docs, whole.docs);
        assert_int_equal(parts.errors, whole.errors);
        assert_string_equal(parts.id, whole.id);
        assert_int_equal(parts.last_line, whole.last_line);
        assert_int_equal(parts.last_byte, whole.last_byte);
        dixit_reader_free(r);
        dixit_reader_free(sp.reader);
    }
}

/* -------------------------------------------------------------- writer */

/* Extracts a document that has exactly one record and renders it; the
 * result, to free, owns *out. */
static dixit_result *render_one(const dixit_doc *d, dixit_format fmt, const char **out, size_t *len)
{
    dixit_result *r;
    assert_int_equal(dixit_extract(eng, d, &r), DIXIT_OK);
    assert_int_equal(dixit_result_count(r), 1);
    assert_int_equal(dixit_render(r, d, fmt, out, len), DIXIT_OK);
    return r;
}

/* dixit_word: what the word lists say of a name's parts (the corpus
 * store reads names with it). */
static void test_word_classes(void **state)
{
    (void)state;
    dixit_engine *e = dixit_engine_new(NULL);
    assert_non_null(e);
    char g = 'x';
    assert_int_equal(dixit_word(e, "Anne", 4, &g) & DIXIT_WORD_FIRSTNAME, DIXIT_WORD_FIRSTNAME);
    assert_int_equal(g, 'f');
    assert_true(dixit_word(e, "Mme", 3, &g) & DIXIT_WORD_TITLE);
    assert_int_equal(g, 'f');
    assert_true(dixit_word(e, "Mr.", 3, &g) & DIXIT_WORD_TITLE); /* its period aside */
    assert_int_equal(g, 'm');
    assert_true(dixit_word(e, "senator", 7, NULL) & DIXIT_WORD_ROLE);
    assert_true(dixit_word(e, "de", 2, NULL) & DIXIT_WORD_PARTICLE);
    assert_int_equal(dixit_word(e, "Brest", 5, &g), 0);
    assert_int_equal(g, 0);
    assert_int_equal(dixit_word(e, "", 0, &g), 0);
    assert_int_equal(dixit_word(NULL, "Anne", 4, NULL), 0);
    dixit_engine_free(e);
}

/* The speaker's mention is the phrase as written, no more and no less: an
 * apposition that ends its sentence leaves the full stop out, a name
 * leaves out the verb in -ed after it, a contracted pronoun its verb
 * ("He's"); a group keeps the phrase in "in" that says which. Spans are
 * in bytes here: the text is ASCII. */
static void test_speaker_mention_spans(void **state)
{
    (void)state;
    const char *t = "\"The ferry is late,\" said Ona Brell, a pilot at the harbour.\n\n"
                    "Tomas Lind chimed in on the radio, saying that the tide was wrong.\n\n"
                    "He's claiming that the tide tables were changed.\n\n"
                    "Lawmakers in the northern valley said the canal would take their water.\n\n"
                    "The plan angered Mara Solt, who said the valley would go dry.";
    /* a relative's speaker is mentioned by its pronoun, named by its
     * antecedent */
    const char *want[] = {"Ona Brell, a pilot at the harbour", "Tomas Lind", "He",
                          "Lawmakers in the northern valley", "who"};
    dixit_doc d = {.id = "m", .text = t, .len = strlen(t), .lang = "en"};
    dixit_result *r;
    assert_int_equal(dixit_extract(eng, &d, &r), DIXIT_OK);
    assert_int_equal(dixit_result_count(r), 5);
    assert_string_equal(dixit_result_get(r, 4)->speaker.name, "Mara Solt");
    for (size_t i = 0; i < 5; i++) {
        const dixit_span *m = &dixit_result_get(r, i)->speaker.mention;
        assert_int_equal(m->end - m->start, strlen(want[i]));
        assert_memory_equal(t + m->start, want[i], strlen(want[i]));
    }
    dixit_result_free(r);
}

/* French mentions end where the phrase does: an infinitive and its
 * object after a comma open the clause ("Pour les Sages, sanctionner
 * …"), and a narrative infinitive ends its subject ("Mme X de
 * rétorquer auprès du journal :"). */
static void test_speaker_mention_spans_fr(void **state)
{
    (void)state;
    const char *t =
        "Pour les Sages, sanctionner la lecture de ces sites, même répétée, porte atteinte à la liberté.\n\n"
        "Le débat s'est tendu. Et, dans cet échange, Mme Hélène Varin de rétorquer auprès du Courrier "
        "du Nord : « Nous tiendrons nos engagements ».";
    const char *want[] = {"les Sages", "Mme Hélène Varin"};
    dixit_doc d = {.id = "m", .text = t, .len = strlen(t), .lang = "fr"};
    dixit_result *r;
    assert_int_equal(dixit_extract(eng, &d, &r), DIXIT_OK);
    assert_int_equal(dixit_result_count(r), 2);
    for (size_t i = 0; i < 2; i++) {
        const dixit_span *m = &dixit_result_get(r, i)->speaker.mention;
        assert_int_equal(m->end - m->start, strlen(want[i]));
        assert_memory_equal(t + m->start, want[i], strlen(want[i]));
    }
    dixit_result_free(r);
}

static void test_writer_offsets(void **state)
{
    (void)state;
    const char *t = "\xc3\x89t\xc3\xa9 : \xc2\xab Allons-y \xc2\xbb, a d\xc3\xa9"
                    "clar\xc3\xa9 Jean Roy.";
    dixit_doc d = {.id = "w", .text = t, .len = strlen(t), .lang = "fr"};
    const char *out;
    size_t len;
    dixit_result *r = render_one(&d, DIXIT_FORMAT_JSONL, &out, &len);
    assert_non_null(strstr(out, "\"quotation\":\"Allons-y\""));
    assert_non_null(strstr(out, "\"start\":8,\"end\":16")); /* code points */
    assert_non_null(strstr(out, "\"start_byte\":11,\"end_byte\":19"));
    assert_non_null(strstr(out, "\"name\":\"Jean Roy\""));
    dixit_result_free(r);
}

/* CSV for spreadsheets: a cell that opens with =, +, -, @, tab or CR is
 * prefixed with an apostrophe so that it is never run as a formula, and
 * every line ends in CRLF (RFC 4180), the header's too. */
static void test_writer_csv(void **state)
{
    (void)state;
    /* "d\xc3\xa9" "clar": a hex escape would swallow the c */
    const char *t =
        "Le maire a parl\xc3\xa9 lundi. \xc2\xab =HYPERLINK(\"http://x.test/\",\"ici\") \xc2\xbb, "
        "a d\xc3\xa9"
        "clar\xc3\xa9 Jean Roy, maire de Lyon, dans un communiqu\xc3\xa9.";
    dixit_doc d = {.id = "=d",
                   .text = t,
                   .len = strlen(t),
                   .lang = "fr",
                   .title = "Un titre",
                   .url = "https://example.org/a"};
    const char *out;
    size_t len;
    dixit_result *r = render_one(&d, DIXIT_FORMAT_CSV, &out, &len);
    const char *head = "\"'=d\",\"'=d:1\",fr,";
    assert_true(len > strlen(head) && strncmp(out, head, strlen(head)) == 0);
    assert_non_null(strstr(out, ",\"'=HYPERLINK(\"\"http://x.test/\"\",\"\"ici\"\")\","));
    assert_non_null(strstr(out, ",\"Jean Roy\",person,"));
    /* addressee and source empty, the channel's name, the speaker's words */
    assert_non_null(strstr(out, ",,,\"communiqu\xc3\xa9\",\"Jean Roy"));
    assert_true(len > 2 && out[len - 2] == '\r' && out[len - 1] == '\n');
    assert_null(memchr(out, '\n', len - 1)); /* one line: no bare LF */
    /* no path; the quoted text of an unsplit quotation is its content */
    const char *tail = ",\"https://example.org/a\",,\"'=HYPERLINK(\"\"http://x.test/\"\",\"\"ici\"\")\",\r\n";
    assert_true(len > strlen(tail) && strcmp(out + len - strlen(tail), tail) == 0);
    const char *header = "doc,id,lang,date,type,start,end,quotation,speaker,speaker_kind,cue,cue_lemma,"
                         "cue_act,confidence,addressee,source,channel,speaker_mention,url,path,quoted_text,site\r\n";
    assert_string_equal(dixit_csv_header(), header);
    dixit_result_free(r);
}

/* A quotation split by its cue: quotation and offsets run from A to B,
 * the parts are the quoted words alone, and the CSV's quoted_text joins
 * them with " […] ". */
static void test_writer_parts(void **state)
{
    (void)state;
    const char *t = "\xc2\xab Le pont est ferm\xc3\xa9 \xc2\xbb, a-t-elle expliqu\xc3\xa9, \xc2\xab et il le restera \xc2\xbb.";
    dixit_doc d = {.id = "p", .text = t, .len = strlen(t), .lang = "fr"};
    const char *out;
    size_t len;
    dixit_result *r = render_one(&d, DIXIT_FORMAT_JSONL, &out, &len);
    assert_non_null(strstr(out, "\"parts\":[[2,19],[44,60]]"));
    dixit_result_free(r);
    r = render_one(&d, DIXIT_FORMAT_CSV, &out, &len);
    assert_non_null(strstr(out, ",\"Le pont est ferm\xc3\xa9 [\xe2\x80\xa6] et il le restera\",\r\n"));
    dixit_result_free(r);
}

/* Every JSON record carries the document's url and title after its date,
 * null when the input gave none; the result keeps its own copy of them. */
static void test_writer_url_title(void **state)
{
    (void)state;
    const char *t = "\xc2\xab Allons-y \xc2\xbb, a d\xc3\xa9"
                    "clar\xc3\xa9 Jean Roy.";
    char url[] = "https://example.org/a?x=1", title[] = "Le \"titre\"";
    dixit_doc d = {
        .id = "w", .text = t, .len = strlen(t), .date = "2024-05", .lang = "fr", .title = title, .url = url};
    const char *out;
    size_t len;
    dixit_result *r = render_one(&d, DIXIT_FORMAT_JSONL, &out, &len);
    memset(url, 'x', sizeof url - 1); /* the caller's strings may go away */
    memset(title, 'x', sizeof title - 1);
    assert_int_equal(dixit_render(r, &d, DIXIT_FORMAT_JSONL, &out, &len), DIXIT_OK);
    assert_non_null(strstr(out, "\"date\":\"2024-05\",\"url\":\"https://example.org/a?x=1\","
                                "\"title\":\"Le \\\"titre\\\"\",\"site\":null,\"path\":null,\"type\":\"direct\""));
    dixit_result_free(r);
    d.title = d.url = NULL;
    d.date = NULL;
    r = render_one(&d, DIXIT_FORMAT_JSONL, &out, &len);
    assert_non_null(strstr(out, "\"date\":null,\"url\":null,\"title\":null,\"site\":null,\"path\":null,\"type\":"));
    dixit_result_free(r);
}

/* A JSON Lines document's url and title reach its records. */
static int url_doc(void *ctx, const dixit_doc *d)
{
    int *seen = ctx;
    const char *out;
    size_t len;
    dixit_result *r = render_one(d, DIXIT_FORMAT_JSONL, &out, &len);
    assert_non_null(strstr(out, "\"url\":\"http://a.test/1\",\"title\":\"T\","));
    dixit_result_free(r);
    ++*seen;
    return 0;
}

static void test_reader_url_title(void **state)
{
    (void)state;
    const char *s = "{\"id\":\"u\",\"url\":\"http://a.test/1\",\"title\":\"T\",\"lang\":\"fr\","
                    "\"text\":\"\u00ab Allons-y \u00bb, a d\u00e9clar\u00e9 Jean Roy.\"}\n";
    int seen = 0;
    dixit_reader *r = dixit_reader_new(DIXIT_INPUT_JSONL, "u.jsonl", 0, NULL, url_doc, NULL, &seen);
    assert_non_null(r);
    assert_int_equal(dixit_reader_feed(r, s, strlen(s)), DIXIT_OK);
    assert_int_equal(dixit_reader_finish(r), DIXIT_OK);
    dixit_reader_free(r);
    assert_int_equal(seen, 1);
}

/* The scorer's weights file: names it knows set their weight, comments,
 * unknown names and unreadable numbers are skipped. */
static void test_weights_read(void **state)
{
    (void)state;
    model m;
    const char *t = "# a comment\tstill a comment\npron.rank=0\t1.5\nno.such\t9\npron.spoke\t-2\n"
                    "pron.full-name\tabc\npron.rank=1\t0.25";
    model_read(&m, t, strlen(t));
    assert_true(m.w[F_PR_RANK0] == 1.5f);
    assert_true(m.w[F_PR_SPOKE] == -2.0f);
    assert_true(m.w[F_PR_RANK1] == 0.25f); /* the last line needs no newline */
    assert_true(m.w[F_PR_FULL] == 0.0f);
    assert_string_equal(feat_name(F_PR_INV_VOICE), "pron.inverted&last-voice");
    /* a record feature looked up by its template and parts is the one
     * its whole name names (the hash starts from the state after "rec."
     * and the template, taken when the weights load) */
    const char *r = "rec.cue=dire\t0.75\nrec.cue&clause=dire&compl\t-1.25\n";
    model_read(&m, r, strlen(r));
    const char *p1[] = {"dire"}, *p2[] = {"dire", "&", "compl"};
    assert_true(model_weight_parts(&m, RT_CUE, p1, 1) == 0.75);
    assert_true(model_weight_parts(&m, RT_CUE_CLAUSE, p2, 3) == -1.25);
    assert_true(model_weight_parts(&m, RT_CUE_CLAUSE, p1, 1) == 0.0);
    assert_string_equal(rec_tmpl_name(RT_CUE_CLAUSE), "cue&clause=");
    assert_true(model_weight(&m, "rec.cue=dire", 12) == 0.75);
    assert_true(m.trained);
}

/* The speaker of "a-t-il ajouté" follows the weights: the most recent man
 * when recency weighs most, the man who spoke before when speaking does. */
static const char *pronoun_speaker(dixit_engine *e, const char *w)
{
    static char name[64];
    const char *t = "\xc2\xab Le projet avance \xc2\xbb, a d\xc3\xa9" "clar\xc3\xa9 Pierre Martin.\n\n"
                    "Paul Durand est arriv\xc3\xa9 hier.\n\n"
                    "\xc2\xab Nous verrons bien \xc2\xbb, a-t-il ajout\xc3\xa9.";
    dixit_engine_set_weights(e, w, strlen(w));
    dixit_doc d = {.id = "p", .text = t, .len = strlen(t), .lang = "fr"};
    dixit_result *r;
    assert_int_equal(dixit_extract(e, &d, &r), DIXIT_OK);
    const dixit_attribution *a = dixit_result_get(r, dixit_result_count(r) - 1);
    assert_non_null(a);
    snprintf(name, sizeof name, "%s", a->speaker.present && a->speaker.name ? a->speaker.name : "");
    dixit_result_free(r);
    return name;
}

static void test_pronoun_ranking(void **state)
{
    (void)state;
    dixit_engine *e = dixit_engine_new(NULL);
    assert_non_null(e);
    assert_string_equal(pronoun_speaker(e, "pron.rank=0\t1\n"), "Paul Durand");
    assert_string_equal(pronoun_speaker(e, "pron.rank=0\t1\npron.spoke\t3\n"), "Pierre Martin");
    dixit_engine_free(e);
}

/* Speech reported within reported speech: with the trace on (nothing
 * dropped) both acts are proposed, and only the inner one, whose cue lies
 * in the outer's content, is marked nested; the scorer then drops it. */
static void test_nested_records(void **state)
{
    (void)state;
    const char *text = "The mayor said that the chief had told officers that the road would close.";
    dixit_engine *e = dixit_engine_new(NULL);
    assert_non_null(e);
    dixit_engine_set_trace(e, 1);
    dixit_doc d = {.id = "n", .text = text, .len = strlen(text), .lang = "en"};
    dixit_result *r = NULL;
    assert_int_equal(dixit_extract(e, &d, &r), DIXIT_OK);
    assert_int_equal(dixit_result_count(r), 2);
    const dixit_attribution *outer = dixit_result_get(r, 0), *inner = dixit_result_get(r, 1);
    assert_int_equal(outer->cue.span.start, 10);
    assert_false(outer->nested);
    assert_true(inner->nested);
    dixit_result_free(r);
    dixit_engine_free(e);
    assert_int_equal(dixit_extract(eng, &d, &r), DIXIT_OK);
    assert_int_equal(dixit_result_count(r), 1);
    assert_false(dixit_result_get(r, 0)->nested);
    dixit_result_free(r);
}

static void test_extract_rejects(void **state)
{
    (void)state;
    dixit_result *r = (dixit_result *)1;
    dixit_doc d = {.id = "x", .text = "a\xff", .len = 2};
    assert_int_equal(dixit_extract(eng, &d, &r), DIXIT_EUTF8);
    assert_null(r);
    dixit_doc z = {.id = "x", .text = "a\0b", .len = 3};
    assert_int_equal(dixit_extract(eng, &z, &r), DIXIT_ENUL);
    assert_int_equal(dixit_extract(NULL, &z, &r), DIXIT_EARG);
}

/* ---------------------------------------------------- allocation failure */

typedef struct failing {
    long countdown; /* fail when it reaches 0 */
    long live;
} failing;

static void *f_malloc(void *ctx, size_t n)
{
    failing *f = ctx;
    if (f->countdown-- == 0)
        return NULL;
    f->live++;
    return malloc(n);
}

static void *f_realloc(void *ctx, void *p, size_t n)
{
    failing *f = ctx;
    if (f->countdown-- == 0)
        return NULL;
    if (!p)
        f->live++;
    return realloc(p, n);
}

static void f_free(void *ctx, void *p)
{
    failing *f = ctx;
    if (p)
        f->live--;
    free(p);
}

/* Each allocation fails once in turn: an error comes back, nothing leaks. */
static void test_alloc_failures(void **state)
{
    (void)state;
    const char *t =
        "Jean Roy a dit : \xc2\xab Nous partons. \xc2\xbb \xc2\xab Vite \xc2\xbb, a-t-il ajout\xc3\xa9.";
    dixit_doc d = {.id = "a", .text = t, .len = strlen(t)};
    int completed = 0;
    for (long k = 0; k < 100000 && !completed; k++) {
        failing f = {k, 0};
        dixit_allocator a = {f_malloc, f_realloc, f_free, &f};
        dixit_engine *e = dixit_engine_new(&a);
        if (!e) {
            assert_int_equal(f.live, 0);
            continue;
        }
        dixit_result *r = NULL;
        dixit_status st = dixit_extract(e, &d, &r);
        if (st == DIXIT_OK) {
            const char *out;
            size_t len;
            st = dixit_render(r, &d, DIXIT_FORMAT_JSONL, &out, &len);
            completed = st == DIXIT_OK && f.countdown >= 0;
        } else {
            assert_int_equal(st, DIXIT_ENOMEM);
            assert_null(r);
        }
        dixit_result_free(r);
        dixit_engine_free(e);
        assert_int_equal(f.live, 0);
    }
    assert_true(completed);
}

/* dixit_engine_set_beliefs: each allocation of the new lexicon fails
 * once in turn; the call says DIXIT_ENOMEM and the engine keeps its
 * speech-only lexicon (a belief verb stays no cue), or it succeeds and
 * "believes" is one; nothing leaks either way. */
static void test_beliefs_alloc_failures(void **state)
{
    (void)state;
    const char *t = "Several economists believe the new levy will slow hiring.";
    dixit_doc d = {.id = "a", .text = t, .len = strlen(t), .lang = "en"};
    int completed = 0;
    for (long k = 0; k < 100000 && !completed; k++) {
        failing f = {-1, 0};
        dixit_allocator a = {f_malloc, f_realloc, f_free, &f};
        dixit_engine *e = dixit_engine_new(&a);
        assert_non_null(e);
        f.countdown = k;
        dixit_status st = dixit_engine_set_beliefs(e, 1);
        bool on = st == DIXIT_OK;
        if (!on)
            assert_int_equal(st, DIXIT_ENOMEM);
        f.countdown = -1;
        dixit_result *r = NULL;
        assert_int_equal(dixit_extract(e, &d, &r), DIXIT_OK);
        assert_int_equal(dixit_result_count(r), on ? 1 : 0);
        completed = on;
        dixit_result_free(r);
        dixit_engine_free(e);
        assert_int_equal(f.live, 0);
    }
    assert_true(completed);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_validate),
        cmocka_unit_test(test_speaker_mention_spans),
        cmocka_unit_test(test_speaker_mention_spans_fr),
        cmocka_unit_test(test_beliefs_alloc_failures),
        cmocka_unit_test(test_tokens_french),
        cmocka_unit_test(test_tokens_english),
        cmocka_unit_test(test_tok_index_near),
        cmocka_unit_test(test_sentences),
        cmocka_unit_test(test_paragraphs),
        cmocka_unit_test(test_quotes_guillemets),
        cmocka_unit_test(test_quotes_nested_and_apostrophes),
        cmocka_unit_test(test_quotes_multi_paragraph),
        cmocka_unit_test(test_quotes_unbalanced),
        cmocka_unit_test(test_quotes_afp_plus),
        cmocka_unit_test(test_zones),
        cmocka_unit_test(test_by_surname_repeats),
        cmocka_unit_test(test_lang),
        cmocka_unit_test(test_lang_caption_first),
        cmocka_unit_test(test_cues),
        cmocka_unit_test(test_reader_txt),
        cmocka_unit_test(test_reader_jsonl),
        cmocka_unit_test(test_reader_split),
        cmocka_unit_test(test_writer_offsets),
        cmocka_unit_test(test_writer_csv),
        cmocka_unit_test(test_writer_url_title),
        cmocka_unit_test(test_writer_parts),
        cmocka_unit_test(test_reader_url_title),
        cmocka_unit_test(test_nested_records),
        cmocka_unit_test(test_extract_rejects),
        cmocka_unit_test(test_weights_read),
        cmocka_unit_test(test_pronoun_ranking),
        cmocka_unit_test(test_alloc_failures),
        cmocka_unit_test(test_word_classes),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
