/* The pdfium character loop of pipeline/sources.py in C: the same rows, one call per page.

   pdfium's functions come in as addresses (from pypdfium2's raw bindings), so nothing here links
   against pdfium.  Each row is a record (a tuple type: `sources.Char`) of (text, x0, x1, top, bottom, size,
   font, colour, upright), exactly as `sources.pdfium_rows` makes them in Python; tests/test_engines.py
   holds the two to the same output.
*/
#define PY_SSIZE_T_CLEAN
#include <Python.h>
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

enum { FUNCTIONS = 10 };

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
} Pdfium;

typedef struct {
    PyObject *text;
    double left, right, bottom, size;
    PyObject *font, *color, *upright; /* borrowed from the run's style */
    void *text_object;
} Row;

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

static PyObject *read_rows(PyObject *Py_UNUSED(module), PyObject *args) {
    unsigned long long page_address;
    double height;
    PyObject *addresses, *names, *hyphens;
    PyTypeObject *record;
    if (!PyArg_ParseTuple(args, "KdO!O!O!O!", &page_address, &height, &PyTuple_Type, &addresses, &PyDict_Type, &names,
                          &PyUnicode_Type, &hyphens, &PyType_Type, &record))
        return NULL;
    if (!PyType_IsSubtype(record, &PyTuple_Type)) {
        PyErr_SetString(PyExc_TypeError, "the record type must be a tuple type of nine fields");
        return NULL;
    }
    if (PyTuple_GET_SIZE(addresses) != FUNCTIONS) {
        PyErr_SetString(PyExc_ValueError, "expected the addresses of 10 pdfium functions");
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
    double origin_x = 0, origin_y = 0, size = 0;
    unsigned r = 0, g = 0, b = 0, a = 0;
    void *current = NULL;
    PyObject *font = NULL, *color = NULL, *upright = Py_True;
    for (int index = 0; index < count; index++) {
        void *text_object = f.text_object(page, index);
        if (text_object == NULL) continue;
        if (text_object != current) {
            current = text_object;
            f.matrix(page, index, &matrix);
            int is_upright = matrix.a * matrix.d > 0 && matrix.b * matrix.c <= 0;
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
            size = f.font_size(page, index);
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
        }
        Row *row = &rows[used++];
        row->text = text;
        row->left = upright == Py_True ? origin_x : (double)box.left;
        row->right = (double)box.right > row->left ? (double)box.right : row->left;
        row->bottom = height - (double)box.bottom;
        row->size = size;
        row->font = font;
        row->color = color;
        row->upright = upright;
        row->text_object = text_object;
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
        PyObject *item = record->tp_alloc(record, 9);
        if (item == NULL) { Py_CLEAR(result); goto done; }
        PyList_SET_ITEM(result, i, item);
        PyObject *fields[9] = {Py_NewRef(row->text), PyFloat_FromDouble(row->left), PyFloat_FromDouble(right),
                               PyFloat_FromDouble(row->bottom - row->size), PyFloat_FromDouble(row->bottom),
                               PyFloat_FromDouble(row->size), Py_NewRef(row->font), Py_NewRef(row->color),
                               Py_NewRef(row->upright)};
        for (int field = 0; field < 9; field++) {
            if (fields[field] == NULL) {
                for (int other = 0; other < 9; other++) Py_XDECREF(fields[other]);
                Py_CLEAR(result);
                goto done;
            }
        }
        for (int field = 0; field < 9; field++) PyTuple_SET_ITEM(item, field, fields[field]);
    }
done:
    for (Py_ssize_t i = 0; i < used; i++) Py_XDECREF(rows[i].text);
    PyMem_Free(rows);
    Py_DECREF(styles);
    return result;
}

static PyMethodDef methods[] = {
    {"read_rows", read_rows, METH_VARARGS,
     "read_rows(text_page, height, function_addresses, font_names, hyphens, record) -> list of records"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_pdfium_chars", "pdfium characters read in C.", -1, methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__pdfium_chars(void) { return PyModule_Create(&module); }
