/* The two per-character loops of the pipeline in C, each the twin of a Python function that runs
   when this extension is not built (tests hold each pair to the same output):

   - read_rows: pdfium's characters of a page as `sources.Char` records (`sources.pdfium_rows`).
     pdfium's functions come in as addresses (from pypdfium2's raw bindings), so nothing here links
     against pdfium.
   - page_words: a page's characters grouped into `layout.Word` records (`layout.python_page_words`).
*/
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

typedef struct { float left, top, right, bottom; } Rect;
typedef struct { float a, b, c, d, e, f; } Matrix;

typedef int (*CountChars)(void *);
typedef unsigned (*GetUnicode)(void *, int);
typedef void *(*GetTextObject)(void *, int);
typedef int (*GetLooseCharBox)(void *, int, Rect *);
typedef int (*GetCharOrigin)(void *, int, double *, double *);
typedef int (*GetMatrix)(void *, int, Matrix *);
typedef int (*GetFillColor)(void *, int, unsigned *, unsigned *, unsigned *, unsigned *);
typedef double (*GetFontSize)(void *, int);
typedef void *(*TextObjectFont)(void *);
typedef size_t (*BaseFontName)(void *, char *, size_t);
typedef int (*FontDescent)(void *, float, float *);
typedef int (*IsGenerated)(void *, int);
typedef int (*MarkedContentID)(void *);

enum { FUNCTIONS = 13 };

/* Character record fields (sources.Char). */
enum { C_TEXT, C_X0, C_X1, C_TOP, C_BOTTOM, C_SIZE, C_FONT, C_COLOR, C_UPRIGHT, C_MCID, CHAR_FIELDS };

typedef struct {
    CountChars count_chars;
    GetUnicode unicode;
    GetTextObject text_object;
    GetLooseCharBox loose_box;
    GetCharOrigin origin;
    GetMatrix matrix;
    GetFillColor fill_color;
    GetFontSize font_size;
    TextObjectFont font;
    BaseFontName base_font_name;
    FontDescent descent;
    IsGenerated is_generated;
    MarkedContentID marked_content_id;
} Pdfium;

typedef struct {
    PyObject *text;
    Py_UCS4 code;
    double left, right, bottom, size;
    PyObject *font, *color, *upright; /* borrowed from the run's style */
    void *text_object;
    int mcid;
} Row;

/* sources.WORD_HYPHENS */
static int is_word_hyphen(Py_UCS4 code) { return code == '-' || code == 0x2010 || code == 0xad; }

/* A font's base name, remembered per font handle in `names`. */
static PyObject *font_name(const Pdfium *f, void *font, PyObject *names) {
    PyObject *key = PyLong_FromVoidPtr(font);
    if (key == NULL) return NULL;
    PyObject *name = PyDict_GetItemWithError(names, key);
    if (name != NULL || PyErr_Occurred()) {
        Py_DECREF(key);
        Py_XINCREF(name);
        return name;
    }
    size_t length = font ? f->base_font_name(font, NULL, 0) : 0;
    if (length > 1) {
        char *buffer = PyMem_Malloc(length);
        if (buffer == NULL) { Py_DECREF(key); return PyErr_NoMemory(); }
        f->base_font_name(font, buffer, length);
        name = PyUnicode_DecodeUTF8(buffer, strnlen(buffer, length), "replace");
        PyMem_Free(buffer);
    } else {
        name = PyUnicode_FromString("");
    }
    if (name == NULL || PyDict_SetItem(names, key, name) < 0) { Py_DECREF(key); Py_XDECREF(name); return NULL; }
    Py_DECREF(key);
    return name;
}

/* sources.pdfium_rows: the characters of a pdfium text page, in stream order, as records. */
static PyObject *read_rows(PyObject *Py_UNUSED(module), PyObject *args) {
    unsigned long long page_address;
    double height, space_share;
    PyObject *addresses, *names, *hyphens;
    PyTypeObject *record;
    if (!PyArg_ParseTuple(args, "KdO!O!O!O!d", &page_address, &height, &PyTuple_Type, &addresses, &PyDict_Type, &names,
                          &PyUnicode_Type, &hyphens, &PyType_Type, &record, &space_share))
        return NULL;
    if (!PyType_IsSubtype(record, &PyTuple_Type)) {
        PyErr_SetString(PyExc_TypeError, "the record type must be a tuple type of ten fields");
        return NULL;
    }
    if (PyTuple_GET_SIZE(addresses) != FUNCTIONS) {
        PyErr_SetString(PyExc_ValueError, "expected the addresses of 13 pdfium functions");
        return NULL;
    }
    void *slots[FUNCTIONS];
    for (Py_ssize_t i = 0; i < FUNCTIONS; i++) {
        slots[i] = PyLong_AsVoidPtr(PyTuple_GET_ITEM(addresses, i));
        if (slots[i] == NULL) {
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "a pdfium function address is null");
            return NULL;
        }
    }
    Pdfium f;
    memcpy(&f, slots, sizeof f);
    void *page = (void *)(uintptr_t)page_address;
    int count = f.count_chars(page);
    Row *rows = PyMem_Calloc(count > 0 ? count : 1, sizeof(Row));
    PyObject *styles = PyList_New(0), *result = NULL;
    if (rows == NULL || styles == NULL) { PyMem_Free(rows); Py_XDECREF(styles); return PyErr_NoMemory(); }
    Py_ssize_t used = 0;
    Rect box = {0, 0, 0, 0};
    Matrix matrix = {0, 0, 0, 0, 0, 0};
    double origin_x = 0, origin_y = 0, size = 0, descent = 0;
    unsigned r = 0, g = 0, b = 0, a = 0;
    void *current = NULL;
    PyObject *font = NULL, *color = NULL, *upright = Py_True;
    int spaced = 0, mcid = -1;
    for (int index = 0; index < count; index++) {
        void *text_object = f.text_object(page, index);
        if (f.is_generated(page, index) == 1) {
            spaced = spaced || f.unicode(page, index) == 0x20;
            continue;
        }
        if (text_object == NULL) continue;
        if (text_object != current) {
            current = text_object;
            f.matrix(page, index, &matrix);
            int is_upright = (double)matrix.a * matrix.d > 0 && (double)matrix.b * matrix.c <= 0;
            char hex[8] = "";
            if (f.fill_color(page, index, &r, &g, &b, &a))
                snprintf(hex, sizeof hex, "#%02x%02x%02x", r & 0xff, g & 0xff, b & 0xff);
            font = font_name(&f, f.font(f.text_object(page, index)), names);
            color = PyUnicode_FromString(hex);
            upright = is_upright ? Py_True : Py_False;
            if (font == NULL || color == NULL || PyList_Append(styles, font) < 0 || PyList_Append(styles, color) < 0) {
                Py_XDECREF(font);
                Py_XDECREF(color);
                goto done;
            }
            Py_DECREF(font);
            Py_DECREF(color);
            /* the size as printed, as pdfminer has it: the font size times the vertical scale of the
               character's matrix (a browser sets text in CSS pixels under a 0.75 scale; a horizontal scale,
               a condensed cut, leaves it) */
            double scale = sqrt((double)matrix.c * matrix.c + (double)matrix.d * matrix.d);
            float font_descent = 0;
            size = floor(f.font_size(page, index) * scale * 100 + 0.5) / 100; /* as sources.printed_size */
            descent = f.descent(f.font(text_object), (float)f.font_size(page, index), &font_descent)
                          ? -(double)font_descent * scale : 0;
            mcid = f.marked_content_id(text_object);
        }
        f.loose_box(page, index, &box);
        f.origin(page, index, &origin_x, &origin_y);
        Py_UCS4 code = f.unicode(page, index);
        if (code > 0x10ffff) code = 0xfffd;
        PyObject *text = PyUnicode_FromOrdinal(code);
        if (text == NULL) goto done;
        if (PyUnicode_Contains(hyphens, text) == 1) {
            Py_DECREF(text);
            text = PyUnicode_FromString("-");
            if (text == NULL) goto done;
            code = '-';
        }
        double left = upright == Py_True ? origin_x : (double)box.left;
        /* an upright character's box reaches the font's descent below the baseline, as pdfminer has it
           (pdfium's loose box falls back to the glyph's tight box for a font without ascent and descent) */
        double bottom = upright == Py_True ? height - origin_y + descent : height - (double)box.bottom;
        if (spaced && used > 0) {
            Row *previous = &rows[used - 1];
            /* sources.word_space: a generated space between two words of a row */
            if (fabs(bottom - previous->bottom) < previous->size / 2 && left - previous->right >= space_share * previous->size
                && (Py_UNICODE_ISALNUM(previous->code) || Py_UNICODE_ISALNUM(code))
                && !is_word_hyphen(previous->code) && !is_word_hyphen(code)) {
                PyObject *space = PyUnicode_FromOrdinal(0x20);
                if (space == NULL) { Py_DECREF(text); goto done; }
                Row *row = &rows[used++];
                *row = *previous;
                row->text = space;
                row->code = 0x20;
                row->left = row->right = left;
            }
        }
        spaced = 0;
        Row *row = &rows[used++];
        row->text = text;
        row->code = code;
        row->left = left;
        row->right = (double)box.right > row->left ? (double)box.right : row->left;
        row->bottom = bottom;
        row->size = size;
        row->font = font;
        row->color = color;
        row->upright = upright;
        row->text_object = text_object;
        row->mcid = mcid;
    }
    result = PyList_New(used);
    if (result == NULL) goto done;
    for (Py_ssize_t i = 0; i < used; i++) {
        Row *row = &rows[i];
        double right = row->right;
        if (i + 1 < used) {
            Row *next = &rows[i + 1];
            if (next->text_object == row->text_object && row->left < next->left && next->left < right
                && next->bottom == row->bottom)
                right = next->left;
        }
        PyObject *item = record->tp_alloc(record, CHAR_FIELDS);
        if (item == NULL) { Py_CLEAR(result); goto done; }
        PyList_SET_ITEM(result, i, item);
        PyObject *fields[CHAR_FIELDS] = {Py_NewRef(row->text), PyFloat_FromDouble(row->left), PyFloat_FromDouble(right),
                                         PyFloat_FromDouble(row->bottom - row->size), PyFloat_FromDouble(row->bottom),
                                         PyFloat_FromDouble(row->size), Py_NewRef(row->font), Py_NewRef(row->color),
                                         Py_NewRef(row->upright), PyLong_FromLong(row->mcid)};
        for (int field = 0; field < CHAR_FIELDS; field++) {
            if (fields[field] == NULL) {
                for (int other = 0; other < CHAR_FIELDS; other++) Py_XDECREF(fields[other]);
                Py_CLEAR(result);
                goto done;
            }
        }
        for (int field = 0; field < CHAR_FIELDS; field++) PyTuple_SET_ITEM(item, field, fields[field]);
    }
done:
    for (Py_ssize_t i = 0; i < used; i++) Py_XDECREF(rows[i].text);
    PyMem_Free(rows);
    Py_DECREF(styles);
    return result;
}

/* Word record fields (layout.Word). */
enum { WORD_FIELDS = 10 };

typedef struct {
    PyObject *record;
    double x0, x1, top;
    Py_ssize_t order, piece;
} Item;

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int by_piece_x0_then_order(const void *a, const void *b) {
    const Item *p = a, *q = b;
    if (p->piece != q->piece) return (p->piece > q->piece) - (p->piece < q->piece);
    if (p->x0 != q->x0) return (p->x0 > q->x0) - (p->x0 < q->x0);
    return (p->order > q->order) - (p->order < q->order);
}

static int is_blank(PyObject *text) {
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    if (length == 0) return 1;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    for (Py_ssize_t i = 0; i < length; i++)
        if (!Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) return 0;
    return 1;
}

/* layout.ends_with_hyphen: whether item i of a line's items[low:high] is a word hyphen (`sources.WORD_HYPHENS`)
   with no printing item of its stream piece after it. */
static int ends_with_hyphen(Item *items, Py_ssize_t high, Py_ssize_t i) {
    PyObject *text = PyTuple_GET_ITEM(items[i].record, C_TEXT);
    if (PyUnicode_GET_LENGTH(text) != 1 || !is_word_hyphen(PyUnicode_READ_CHAR(text, 0))) return 0;
    for (Py_ssize_t later = i + 1; later < high; later++)
        if (items[later].piece == items[i].piece && !is_blank(PyTuple_GET_ITEM(items[later].record, C_TEXT))) return 0;
    return 1;
}

/* layout.covered: whether the blank item i of a line's items[low:high] has no room of its own (a printing
   neighbour of its stream piece covers its middle). */
static int covered(Item *items, Py_ssize_t low, Py_ssize_t high, Py_ssize_t i) {
    double middle = (items[i].x0 + items[i].x1) / 2;
    for (Py_ssize_t near = i - 1; near <= i + 1; near += 2) {
        if (near < low || near >= high || items[near].piece != items[i].piece) continue;
        if (is_blank(PyTuple_GET_ITEM(items[near].record, C_TEXT))) continue;
        if (items[near].x0 < middle && middle < items[near].x1) return 1;
    }
    return 0;
}

/* layout.make_word: the word of the printing items of items[start:end] (sorted left to right). */
static PyObject *make_word(Item *items, Py_ssize_t start, Py_ssize_t end, PyTypeObject *word_type, PyObject *style_of,
                           PyObject *ligatures) {
    PyObject *first = items[start].record, *texts = PyList_New(0), *text = NULL, *word = NULL;
    PyObject *style = NULL, *empty = NULL;
    if (texts == NULL) return NULL;
    PyObject *x1 = PyTuple_GET_ITEM(first, C_X1), *top = PyTuple_GET_ITEM(first, C_TOP);
    PyObject *bottom = PyTuple_GET_ITEM(first, C_BOTTOM);
    for (Py_ssize_t i = start; i < end; i++) {
        PyObject *record = items[i].record;
        if (is_blank(PyTuple_GET_ITEM(record, C_TEXT))) continue;  /* a blank without room of its own */
        if (PyList_Append(texts, PyTuple_GET_ITEM(record, C_TEXT)) < 0) goto done;
        if (i == start) continue;
        int larger = PyObject_RichCompareBool(PyTuple_GET_ITEM(record, C_X1), x1, Py_GT);
        int higher = PyObject_RichCompareBool(PyTuple_GET_ITEM(record, C_TOP), top, Py_LT);
        int lower = PyObject_RichCompareBool(PyTuple_GET_ITEM(record, C_BOTTOM), bottom, Py_GT);
        if (larger < 0 || higher < 0 || lower < 0) goto done;
        if (larger) x1 = PyTuple_GET_ITEM(record, C_X1);
        if (higher) top = PyTuple_GET_ITEM(record, C_TOP);
        if (lower) bottom = PyTuple_GET_ITEM(record, C_BOTTOM);
    }
    empty = PyUnicode_New(0, 0);
    if (empty == NULL || (text = PyUnicode_Join(empty, texts)) == NULL) goto done;
    if (!PyUnicode_IS_ASCII(text)) {
        PyObject *translated = PyObject_CallMethod(text, "translate", "O", ligatures);
        Py_SETREF(text, translated);
        if (text == NULL) goto done;
    }
    style = PyObject_CallOneArg(style_of, PyTuple_GET_ITEM(first, C_FONT));
    if (style == NULL) goto done;
    if (!PyTuple_Check(style) || PyTuple_GET_SIZE(style) != 2) {
        PyErr_SetString(PyExc_TypeError, "the font style must be a (bold, italic) pair");
        goto done;
    }
    word = word_type->tp_alloc(word_type, WORD_FIELDS);
    if (word == NULL) goto done;
    PyObject *fields[WORD_FIELDS] = {Py_NewRef(text), Py_NewRef(PyTuple_GET_ITEM(first, C_X0)), Py_NewRef(x1),
                                     Py_NewRef(top), Py_NewRef(bottom), Py_NewRef(PyTuple_GET_ITEM(first, C_SIZE)),
                                     Py_NewRef(PyTuple_GET_ITEM(style, 0)), Py_NewRef(PyTuple_GET_ITEM(style, 1)),
                                     Py_NewRef(PyTuple_GET_ITEM(first, C_COLOR)),
                                     Py_NewRef(PyTuple_GET_ITEM(first, C_FONT))};
    for (int field = 0; field < WORD_FIELDS; field++) PyTuple_SET_ITEM(word, field, fields[field]);
done:
    Py_DECREF(texts);
    Py_XDECREF(empty);
    Py_XDECREF(text);
    Py_XDECREF(style);
    return word;
}

static int append_word(PyObject *words, Item *items, Py_ssize_t start, Py_ssize_t end, PyTypeObject *word_type,
                       PyObject *style_of, PyObject *ligatures) {
    PyObject *word = make_word(items, start, end, word_type, style_of, ligatures);
    if (word == NULL) return -1;
    int failed = PyList_Append(words, word);
    Py_DECREF(word);
    return failed;
}

/* layout.line_clusters and the word cuts of layout.page_words, for the characters chars[start:end] of one
   style.  Returns 1 when done, 0 when a coordinate is not a number (the Python loop then decides), -1 on error. */
static int run_words(PyObject *chars, Py_ssize_t start, Py_ssize_t end, double tolerance, double gap,
                     double hyphen_gap, PyObject *words,
                     PyTypeObject *word_type, PyObject *style_of, PyObject *ligatures) {
    Py_ssize_t count = end - start;
    double *tops = PyMem_Malloc(count * sizeof(double));
    Py_ssize_t *line_of_top = PyMem_Malloc(count * sizeof(Py_ssize_t));
    Py_ssize_t *line_of = PyMem_Malloc(count * sizeof(Py_ssize_t));
    Py_ssize_t *offsets = PyMem_Calloc(count + 2, sizeof(Py_ssize_t));
    Item *items = PyMem_Malloc(count * sizeof(Item)), *sorted = PyMem_Malloc(count * sizeof(Item));
    int result = -1;
    if (!tops || !line_of_top || !line_of || !offsets || !items || !sorted) { PyErr_NoMemory(); goto done; }
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *record = PyList_GET_ITEM(chars, start + i);
        items[i].record = record;
        items[i].x0 = PyFloat_AsDouble(PyTuple_GET_ITEM(record, C_X0));
        items[i].x1 = PyFloat_AsDouble(PyTuple_GET_ITEM(record, C_X1));
        items[i].top = tops[i] = PyFloat_AsDouble(PyTuple_GET_ITEM(record, C_TOP));
        items[i].order = i;
        if (PyErr_Occurred()) goto done;
        if (isnan(items[i].x0) || isnan(items[i].x1) || isnan(items[i].top)) { result = 0; goto done; }
        if (!PyUnicode_Check(PyTuple_GET_ITEM(record, C_TEXT))) {
            PyErr_SetString(PyExc_TypeError, "a character's text must be a str");
            goto done;
        }
    }
    /* Sorted distinct tops, chained into lines while each is within the tolerance of the one before. */
    qsort(tops, count, sizeof(double), by_value);
    Py_ssize_t distinct = 0, lines = 0;
    for (Py_ssize_t i = 0; i < count; i++)
        if (distinct == 0 || tops[i] != tops[distinct - 1]) tops[distinct++] = tops[i];
    for (Py_ssize_t k = 0; k < distinct; k++) {
        if (k > 0 && tops[k] > tops[k - 1] + tolerance) lines++;
        line_of_top[k] = lines;
    }
    /* Characters into their lines in stream order, then each line's stream pieces in turn, each left to right
       (ties in stream order). */
    for (Py_ssize_t i = 0; i < count; i++) {
        double *found = bsearch(&items[i].top, tops, distinct, sizeof(double), by_value);
        line_of[i] = line_of_top[found - tops];
        offsets[line_of[i] + 1]++;
        /* stream pieces: runs of characters of one line, cut where the stream goes to another line */
        items[i].piece = i == 0 ? 0 : items[i - 1].piece + (line_of[i] != line_of[i - 1]);
    }
    for (Py_ssize_t line = 0; line <= lines; line++) offsets[line + 1] += offsets[line];
    for (Py_ssize_t i = 0; i < count; i++) sorted[offsets[line_of[i]]++] = items[i];
    for (Py_ssize_t line = 0, low = 0; line <= lines; line++) {
        Py_ssize_t high = offsets[line];
        qsort(sorted + low, high - low, sizeof(Item), by_piece_x0_then_order);
        /* Words: cut at blank characters with room of their own, where the gap exceeds `gap` (before a
           hyphen that ends the line, where it exceeds `hyphen_gap`), where the baseline shifts beyond the
           tolerance and between two stream pieces (two lines that run into each other). */
        Py_ssize_t word_start = -1, last = -1;
        for (Py_ssize_t i = low; i < high; i++) {
            if (is_blank(PyTuple_GET_ITEM(sorted[i].record, C_TEXT))) {
                if (word_start >= 0 && !covered(sorted, low, high, i)) {
                    if (append_word(words, sorted, word_start, last + 1, word_type, style_of, ligatures) < 0) goto done;
                    word_start = -1;
                }
                continue;
            }
            if (word_start < 0) {
                word_start = i;
            } else if ((sorted[i].x0 > sorted[last].x1 + gap
                        && !(sorted[i].x0 <= sorted[last].x1 + hyphen_gap && ends_with_hyphen(sorted, high, i)))
                       || fabs(sorted[i].top - sorted[last].top) > tolerance || sorted[i].piece != sorted[last].piece) {
                if (append_word(words, sorted, word_start, last + 1, word_type, style_of, ligatures) < 0) goto done;
                word_start = i;
            }
            last = i;
        }
        if (word_start >= 0 && append_word(words, sorted, word_start, last + 1, word_type, style_of, ligatures) < 0)
            goto done;
        low = high;
    }
    result = 1;
done:
    PyMem_Free(tops);
    PyMem_Free(line_of_top);
    PyMem_Free(line_of);
    PyMem_Free(offsets);
    PyMem_Free(items);
    PyMem_Free(sorted);
    return result;
}

/* layout.python_page_words: runs of one style (upright, font, size, colour; layout.style_runs), each cut into
   lines and words. */
static PyObject *page_words(PyObject *Py_UNUSED(module), PyObject *args) {
    PyObject *chars, *style_of, *ligatures;
    PyTypeObject *word_type;
    double tolerance, gap_share, hyphen_share;
    if (!PyArg_ParseTuple(args, "O!O!OOddd", &PyList_Type, &chars, &PyType_Type, &word_type, &style_of, &ligatures,
                          &tolerance, &gap_share, &hyphen_share))
        return NULL;
    if (!PyType_IsSubtype(word_type, &PyTuple_Type)) {
        PyErr_SetString(PyExc_TypeError, "the word type must be a tuple type of ten fields");
        return NULL;
    }
    Py_ssize_t count = PyList_GET_SIZE(chars);
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *record = PyList_GET_ITEM(chars, i);
        if (!PyTuple_Check(record) || PyTuple_GET_SIZE(record) != CHAR_FIELDS) {
            PyErr_SetString(PyExc_TypeError, "characters must be records of ten fields");
            return NULL;
        }
    }
    PyObject *words = PyList_New(0);
    if (words == NULL) return NULL;
    static const int style_fields[] = {C_UPRIGHT, C_FONT, C_SIZE, C_COLOR};
    for (Py_ssize_t start = 0, end; start < count; start = end) {
        PyObject *first = PyList_GET_ITEM(chars, start);
        for (end = start + 1; end < count; end++) {
            PyObject *record = PyList_GET_ITEM(chars, end);
            PyObject *text = PyTuple_GET_ITEM(record, C_TEXT);
            if (PyUnicode_Check(text) && is_blank(text)) continue;  /* a blank stays in its run (style_runs) */
            int same = 1;
            for (int k = 0; k < 4 && same; k++) {
                same = PyObject_RichCompareBool(PyTuple_GET_ITEM(first, style_fields[k]),
                                                PyTuple_GET_ITEM(record, style_fields[k]), Py_EQ);
                if (same < 0) { Py_DECREF(words); return NULL; }
            }
            if (!same) break;
        }
        int upright = PyObject_IsTrue(PyTuple_GET_ITEM(first, C_UPRIGHT));
        if (upright < 0) { Py_DECREF(words); return NULL; }
        if (!upright) continue;
        double size = PyFloat_AsDouble(PyTuple_GET_ITEM(first, C_SIZE));
        if (PyErr_Occurred()) { Py_DECREF(words); return NULL; }
        if (isnan(size)) { Py_DECREF(words); Py_RETURN_NONE; }
        int done = run_words(chars, start, end, tolerance, gap_share * size, hyphen_share * size, words, word_type,
                             style_of, ligatures);
        if (done < 0) { Py_DECREF(words); return NULL; }
        if (done == 0) { Py_DECREF(words); Py_RETURN_NONE; }
    }
    return words;
}

static PyMethodDef methods[] = {
    {"page_words", page_words, METH_VARARGS,
     "page_words(chars, word_type, style_of, ligatures, tolerance, gap_share, hyphen_share) -> list of words, or None "
     "when a coordinate is not a number"},
    {"read_rows", read_rows, METH_VARARGS,
     "read_rows(text_page, height, function_addresses, font_names, hyphens, record, space_share) -> list of records"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_native", "The per-character loops of the pipeline in C.",
                                    -1, methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__native(void) { return PyModule_Create(&module); }
