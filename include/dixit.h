/*
 * dixit.h: the public contract of libdixit.
 *
 * dixit reads news articles and says who said what, to whom, according to
 * whom. The library never prints, never exits and keeps no process-wide
 * state: an engine holds the compiled lexicons (immutable once built, so one
 * engine may serve many threads), a result holds everything built for one
 * document and is freed in one call. Errors come back as dixit_status values.
 *
 * Ownership: the library borrows every pointer it is given for the duration
 * of the call that receives it; what it returns belongs to the object it
 * came from (an attribution belongs to its result) unless a function says
 * otherwise. Every *_free(NULL) is a no-op.
 *
 * Offsets inside the library are UTF-8 byte offsets into the document text
 * exactly as given; the writers add code-point offsets at the output edge.
 */
#ifndef DIXIT_H
#define DIXIT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DIXIT_VERSION "0.1.0"

/* Default and hard ceiling for one document's text, in bytes. */
#define DIXIT_DEFAULT_MAX_DOC_BYTES ((size_t)16 << 20)

typedef enum dixit_status {
    DIXIT_OK = 0,
    DIXIT_ENOMEM,   /* an allocation failed; nothing was leaked */
    DIXIT_EUTF8,    /* text is not valid UTF-8 */
    DIXIT_ENUL,     /* text holds a NUL byte */
    DIXIT_ETOOBIG,  /* a document or line is over the size limit */
    DIXIT_EJSON,    /* a JSON line does not parse */
    DIXIT_ENOTEXT,  /* a JSON line has no usable "text" field */
    DIXIT_EIO,      /* reading or writing failed (set by callers) */
    DIXIT_EARG      /* a bad argument to a library call */
} dixit_status;

/* A short English description of a status; never NULL, static storage. */
const char *dixit_status_str(dixit_status s);

/* Pluggable allocator, so tests can make every allocation fail in turn.
 * NULL wherever one is asked for means the C library's malloc family. */
typedef struct dixit_allocator {
    void *(*malloc_fn)(void *ctx, size_t size);
    void *(*realloc_fn)(void *ctx, void *ptr, size_t size);
    void (*free_fn)(void *ctx, void *ptr);
    void *ctx;
} dixit_allocator;

/* ------------------------------------------------------------------ */
/* Documents                                                           */

/* One article. text need not be NUL-terminated; len is its byte length.
 * body is where the prose starts (after a `date YYYY-MM` line in a .txt
 * file); offsets still count from text[0]. lang NULL or "" means: detect. */
typedef struct dixit_doc {
    const char *id;
    const char *text;
    size_t len;
    size_t body;
    const char *date;  /* may be NULL */
    const char *lang;  /* "fr", "en", or NULL to detect */
    const char *title; /* may be NULL */
    const char *url;   /* may be NULL */
    const char *path;  /* where it was read from, for the records' "path";
                          may be NULL. A reader sets it to its name. */
    const char *site;  /* the site's name (a web page's og:site_name, else
                          its host), or NULL */
    const char *authors; /* as the page gives them, or NULL */
    const char *captions; /* a web page's figure captions, left out of
                             text (they report no speech of the article):
                             one a line, or NULL */
    const char *blocks;   /* a web page's blockquotes and embedded posts,
                             kept in text and marked: one a line, "quote
                             START END" or "post START END" in bytes of
                             text, or NULL */
    const char *notes;   /* how the reader read it (what a web page's
                            extraction kept and dropped, and why), when
                            asked (dixit_reader_set_notes), else NULL;
                            shown by DIXIT_FORMAT_SEGMENTS */
} dixit_doc;

/* ------------------------------------------------------------------ */
/* Engine                                                              */

typedef struct dixit_engine dixit_engine;

/* Builds an engine from the compiled-in lexicons. Returns NULL only when
 * memory runs out. The engine is read-only afterwards and thread-safe. */
dixit_engine *dixit_engine_new(const dixit_allocator *alloc);
void dixit_engine_free(dixit_engine *e);
/* For training the scorer: when on, each result keeps the candidates of
 * the scorer's choices, rendered by DIXIT_FORMAT_FEATURES. Set it before
 * the engine is shared between threads. Off by default. */
void dixit_engine_set_trace(dixit_engine *e, int on);
/* The scope of what is reported. Off (the default): speech, as
 * ANNOTATION.md defines it. On: also thoughts, wishes and intentions
 * ("Economists believe …", "Rubio wants to …", "voters who support
 * Sanders"), the wider scope of corpora such as PolNeAR; their records
 * have act "belief". Before the engine is shared between threads.
 * DIXIT_ENOMEM leaves the engine as it was. */
dixit_status dixit_engine_set_beliefs(dixit_engine *e, int on);

/* What the engine's word lists (data/) say of one word, for tools that
 * read names outside an article (the corpus store links and genders
 * speakers with it): DIXIT_WORD_* flags, and in *gender 'f', 'm' or 0
 * when the word marks none (gender may be NULL). Case as written in the
 * lists counts as any case. */
enum {
    DIXIT_WORD_FIRSTNAME = 1,   /* a first name: "Anne", "John" */
    DIXIT_WORD_TITLE = 2,       /* a title before a name: "Mme", "Mr.", "Sen." */
    DIXIT_WORD_ROLE = 4,        /* a role noun: "ministre", "senator" */
    DIXIT_WORD_PARTICLE = 8,    /* inside a name: "de", "van", "Le" */
    DIXIT_WORD_PRONOUN = 16,    /* a pronoun that may stand for a speaker: "elle", "he" */
    DIXIT_WORD_FEM_ARTICLE = 32, /* a French feminine article: "la", "une" (la ministre) */
    DIXIT_WORD_DETERMINER = 64   /* a determiner: "the", "le", "l'" (The Hill, Le Monde) */
};
unsigned dixit_word(const dixit_engine *e, const char *word, size_t n, char *gender);
/* For training: replaces the compiled-in weights of the scorer by those
 * of a text in the format of data/weights.tsv ("feature<TAB>weight"
 * lines; features it does not name weigh 0). Before sharing the engine. */
void dixit_engine_set_weights(dixit_engine *e, const char *text, size_t len);

/* ------------------------------------------------------------------ */
/* Attributions                                                        */

typedef enum dixit_type {
    DIXIT_DIRECT = 0,
    DIXIT_MIXED,
    DIXIT_INDIRECT
} dixit_type;

typedef enum dixit_kind {
    DIXIT_KIND_PERSON = 0,
    DIXIT_KIND_ORGANIZATION,
    DIXIT_KIND_GROUP,
    DIXIT_KIND_UNNAMED
} dixit_kind;

/* How a party's name was found (docs/schema.md, field resolved_by). */
typedef enum dixit_resolution {
    DIXIT_BY_NONE = 0,    /* no name: an unresolved pronoun, a channel */
    DIXIT_BY_NAME,        /* written where the attribution is made */
    DIXIT_BY_SURNAME,     /* a surname completed from an earlier full name */
    DIXIT_BY_ROLE,        /* a role an earlier name carried */
    DIXIT_BY_DESCRIPTION, /* a description left as written */
    DIXIT_BY_PRONOUN,     /* a pronoun resolved to someone named before */
    DIXIT_BY_CONTEXT      /* the voice of the sentence or the paragraph */
} dixit_resolution;

/* The name records write for r ("name", "surname", …); NULL for
 * DIXIT_BY_NONE. */
const char *dixit_resolution_name(dixit_resolution r);

/* A span of the document: [start, end) in bytes. Empty when start == end. */
typedef struct dixit_span {
    size_t start;
    size_t end;
} dixit_span;

/* A party to an attribution (speaker, addressee, source, channel).
 * present == 0 means the field is null in the record. name is the resolved
 * name (NUL-terminated, owned by the result), NULL when the words at the cue
 * name no one (a pronoun no one was found for, a date, a verb, "selon");
 * mention is where the words stand in the text. */
typedef struct dixit_party {
    int present;
    const char *name;
    dixit_span mention;
    dixit_kind kind;
    int entity;                   /* id stable within the document, or -1 */
    dixit_resolution resolved_by; /* how the name was found; records write
                                     dixit_resolution_name of it */
} dixit_party;

typedef struct dixit_cue {
    int present;
    dixit_span span;
    const char *lemma; /* static storage of the engine */
    const char *act;   /* speech-act class */
} dixit_cue;

typedef struct dixit_attribution {
    dixit_type type;
    dixit_span content;
    dixit_party speaker;
    dixit_cue cue;
    dixit_party addressee;
    dixit_party source;
    dixit_party channel;
    double confidence;
    /* The quoted words alone, in text order: a quotation split by its cue
     * (« A », a-t-elle dit, « B ») has one span per part, without the cue
     * and the marks between. NULL with nparts 0: one part, the content.
     * Owned by the result. */
    const dixit_span *parts;
    size_t nparts;
    const char *rule; /* the rule that proposed it ("tail", "complement",
                         "quote-cue-after"...): static storage; for tests
                         and `--show features` */
    int nested; /* its cue stands inside another proposed record's content:
                   speech reported within reported speech (set by the
                   scorer's stage, which weighs it) */
} dixit_attribution;

typedef struct dixit_result dixit_result;

/* Analyses one document. On DIXIT_OK *out holds a result to free with
 * dixit_result_free. On an error *out is NULL and nothing is leaked. The
 * document's text must stay alive and unchanged while the result is used. */
dixit_status dixit_extract(const dixit_engine *e, const dixit_doc *doc,
                           dixit_result **out);
void dixit_result_free(dixit_result *r);

size_t dixit_result_count(const dixit_result *r);
const dixit_attribution *dixit_result_get(const dixit_result *r, size_t i);
/* The language used: "fr", "en" or "und". */
const char *dixit_result_lang(const dixit_result *r);

/* ------------------------------------------------------------------ */
/* Writers                                                             */

typedef enum dixit_format {
    DIXIT_FORMAT_JSONL = 0,
    DIXIT_FORMAT_CSV,
    DIXIT_FORMAT_SEGMENTS, /* debug view: paragraphs, sentences, zones */
    DIXIT_FORMAT_ENTITIES, /* one JSON line: who is quoted in the article */
    DIXIT_FORMAT_FEATURES, /* per record, the scorer's candidates and their
                              features (needs dixit_engine_set_trace) */
    DIXIT_FORMAT_TEXT      /* one JSON line: the article as read (id, lang,
                              date, url, title, text), as an HTML page gave it */
} dixit_format;

/* Renders a result as text. *out points into storage owned by the result,
 * valid until the next render of the same result or its free. The CSV
 * header line is dixit_csv_header(). */
dixit_status dixit_render(dixit_result *r, const dixit_doc *doc,
                          dixit_format fmt, const char **out, size_t *len);
const char *dixit_csv_header(void);

/* ------------------------------------------------------------------ */
/* Readers: streaming, feed any chunk size, identical documents out.   */

typedef enum dixit_input {
    DIXIT_INPUT_TXT = 0, /* the whole stream is one document (a web page
                            is told by its content and read as one) */
    DIXIT_INPUT_JSONL,   /* one JSON object per line */
    DIXIT_INPUT_WARC     /* a WARC archive, decompressed: each response
                            record of status 200 holding an HTML page is
                            a document (id: its WARC-Record-ID) */
} dixit_input;

/* A problem with the input: where it is and what it is. line is 1-based,
 * 0 when it does not apply; byte is the offset in the stream. */
typedef struct dixit_error {
    dixit_status status;
    const char *name;    /* the stream's name as given to the reader */
    size_t line;
    const char *doc;     /* document id when known, else NULL */
    size_t byte;
    const char *message; /* NUL-terminated English message */
} dixit_error;

/* Called for each good document; the document is valid only during the
 * call. Return 0 to go on, non-zero to stop the reader (feed then returns
 * DIXIT_EARG). */
typedef int (*dixit_doc_fn)(void *ctx, const dixit_doc *doc);
/* Called for each bad document or line; the run goes on. */
typedef void (*dixit_error_fn)(void *ctx, const dixit_error *err);

typedef struct dixit_reader dixit_reader;

/* name is used for the id of a .txt document (its file name stem) and in
 * messages; max_doc_bytes 0 means DIXIT_DEFAULT_MAX_DOC_BYTES. */
dixit_reader *dixit_reader_new(dixit_input kind, const char *name,
                               size_t max_doc_bytes,
                               const dixit_allocator *alloc,
                               dixit_doc_fn on_doc, dixit_error_fn on_error,
                               void *ctx);
/* Returns DIXIT_OK, DIXIT_ENOMEM, or DIXIT_EARG when a callback stopped. */
dixit_status dixit_reader_feed(dixit_reader *r, const void *buf, size_t n);
dixit_status dixit_reader_finish(dixit_reader *r);
/* Splitting and reading apart, for callers that read JSON Lines on other
 * threads. With a line function, a JSON Lines reader only splits: each
 * line goes to fn whole (no newline), with its 1-based number and the
 * stream offset of its first byte, valid during the call; a line over the
 * limit is still reported through on_error. Return non-zero from fn to
 * stop. No effect on a .txt reader. */
typedef int (*dixit_line_fn)(void *ctx, const char *line, size_t n,
                             size_t lineno, size_t offset);
void dixit_reader_on_line(dixit_reader *r, dixit_line_fn fn);
/* Reads one such line as feed would have (on_doc, on_error), whatever the
 * reader read before: one reader per thread reads the lines another
 * reader split. DIXIT_EARG when on_doc asked to stop. */
dixit_status dixit_reader_line(dixit_reader *r, const char *line, size_t n,
                               size_t lineno, size_t offset);
/* The id base of the stream: what a .txt document's id is, and what a
 * JSON line without an id is named after (STEM:LINE). By default the
 * name's file name without its extension; set_stem replaces it (a copy is
 * taken), so that a caller reading two files of one name from different
 * folders can give them different ids. DIXIT_ENOMEM leaves it as it was. */
const char *dixit_reader_stem(const dixit_reader *r);
dixit_status dixit_reader_set_stem(dixit_reader *r, const char *stem);
/* A JSON Lines stream that is a part of a larger one (a shard of
 * `dixit shard`): its first byte is byte offset of the whole, on line
 * line (1-based), and a line with something on it came before when line
 * is over 1 (the whole's first line was read: no check that the stream is
 * a web page). Ids of lines without one (STEM:LINE), line numbers and
 * byte positions in messages are then those of the whole. Before the
 * first feed; DIXIT_EARG for a reader of another kind, fed, or line 0. */
dixit_status dixit_reader_set_origin(dixit_reader *r, size_t line, size_t offset);
/* With on, a web page's document carries notes on its extraction (what
 * was kept and dropped, and why) in dixit_doc.notes: for --show segments.
 * Off by default (the notes cost time). */
void dixit_reader_set_notes(dixit_reader *r, int on);
/* Number of errors reported so far. */
size_t dixit_reader_errors(const dixit_reader *r);
/* WARC records passed over, no error: requests, metadata, warcinfo,
 * redirects and other statuses, responses that are no HTML page (images,
 * PDF) or in an encoding not read (brotli). 0 for other readers. */
size_t dixit_reader_passed(const dixit_reader *r);
void dixit_reader_free(dixit_reader *r);

#ifdef __cplusplus
}
#endif
#endif
