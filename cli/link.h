/*
 * link.h: speakers across articles (link.c). Within an article dixit
 * resolves each mention to the fullest name the article gives; across
 * articles the same person is written "Emmanuel Macron", "Macron", "E.
 * Macron", "le président Macron". link_names groups such names into
 * persons, from the names alone and the engine's word lists (titles,
 * roles, particles), never merging two first names and leaving a
 * surname that fits two people alone. It reads and writes no database:
 * the store gives it the names and writes what it decided.
 */
#ifndef DIXIT_LINK_H
#define DIXIT_LINK_H

#include "dixit.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct link_name {
    const char *name; /* as the records resolved it */
    bool person;      /* its kind is person (others link by the same name only) */
    char gender;      /* 'f' or 'm' when its name and its records' mentions say
                         so (gender.c's decision), else 0 */
    const char *gender_why; /* that evidence, said (NULL when none) */
    long long *articles;    /* the articles its records are in (link_add_article;
                               NULL when the store gave none), and their count */
    size_t narticles, articles_cap;
    /* what link_names decides */
    size_t head;     /* the index of the name its person is known by (its own when alone) */
    bool named;      /* it names a person or organisation: false for a
                        description ("Premier ministre"), or a surname
                        alone that no full name anchors, which link to
                        no person at all */
    char why[256];   /* the evidence of the link, or of leaving it alone */
    char canon[128]; /* for a head: the person's name, titles and roles left out */
} link_name;

/* The words of s between the bytes of seps, into w and wl (max at most);
 * their count. */
size_t link_words(const char *s, const char *seps, const char **w, size_t *wl, size_t max);

/* Adds article to x's articles (the same one again, in a row, once);
 * false when memory ran out. link_free_articles frees them. */
bool link_add_article(link_name *x, long long article);
void link_free_articles(link_name *x);

/* Decides head, why and canon for each of the n names (any order: the
 * result does not depend on it). False when memory ran out. */
bool link_names(link_name *v, size_t n, const dixit_engine *e);

#endif
