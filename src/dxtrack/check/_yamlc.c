/* dxtrack.check._yamlc: an optional fast path for loading *plain* YAML record files.
 *
 *     load_plain(text, resolve_plain, first_chars, max_depth) -> (data, spans) | None
 *
 * One pass over libyaml's events builds the data and the span index that
 * dxtrack.check.load._parse builds from PyYAML's node tree (yaml.compose with CSafeLoader,
 * then _Builder), for the files the reference accepts without a finding. For anything else
 * or unusual -- a parse error, an empty stream or document, a root that is not a mapping,
 * more than one document, a %YAML/%TAG directive, an anchor, alias or explicit tag, a
 * duplicate key, a key that is not a str scalar, nesting past max_depth, a failing
 * resolve_plain -- it returns None: the caller then asks the reference, which says what
 * is wrong. The pure-Python twin is dxtrack.check.fastload.load_plain_python.
 *
 * libyaml reads the same UTF-8 bytes PyYAML's CParser feeds it for a str, so the marks
 * (line and column, counted in characters) are the reference's. Positions are 1-based.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <yaml.h>
#include <string.h>

#define FLOW_LIMIT 64  /* load._FLOW_LIMIT: the reference refuses [ and { nested deeper */

typedef struct {
    yaml_parser_t parser;
    yaml_event_t event;      /* the current event, owned here: next() deletes it */
    PyObject *spans;         /* path tuple -> (line, column) */
    PyObject *resolve;       /* resolve_plain: plain scalar text -> its value */
    PyObject *first_chars;   /* the first characters for which a plain scalar is resolved */
    char first[128];         /* ... the ASCII ones as a table */
    int wide_first;          /* ... and whether some are not ASCII */
    int max_depth;
} Loader;

/* Replace the current event with the next one; 0 on a parse error. */
static int
next(Loader *ld)
{
    yaml_event_delete(&ld->event);
    return yaml_parser_parse(&ld->parser, &ld->event);
}

/* (mark.line + 1, mark.column + 1) */
static PyObject *
position(yaml_mark_t mark)
{
    PyObject *line = PyLong_FromSize_t(mark.line + 1);
    PyObject *column = line ? PyLong_FromSize_t(mark.column + 1) : NULL;
    PyObject *pos = column ? PyTuple_Pack(2, line, column) : NULL;
    Py_XDECREF(line);
    Py_XDECREF(column);
    return pos;
}

/* path + (item,): a new tuple */
static PyObject *
extend(PyObject *path, PyObject *item)
{
    Py_ssize_t n = PyTuple_GET_SIZE(path);
    PyObject *longer = PyTuple_New(n + 1);
    if (!longer)
        return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *part = PyTuple_GET_ITEM(path, i);
        Py_INCREF(part);
        PyTuple_SET_ITEM(longer, i, part);
    }
    Py_INCREF(item);
    PyTuple_SET_ITEM(longer, n, item);
    return longer;
}

/* spans[path] = position of the current event's start; -1 on error */
static int
set_span(Loader *ld, PyObject *path)
{
    PyObject *pos = position(ld->event.start_mark);
    int failed = !pos || PyDict_SetItem(ld->spans, path, pos) < 0;
    Py_XDECREF(pos);
    return failed ? -1 : 0;
}

/* Whether a plain scalar (text `str`, UTF-8 `s` of `n` bytes) may be other than a str:
 * empty, or its first character is one of first_chars. */
static int
needs_resolving(Loader *ld, PyObject *str, const unsigned char *s, size_t n)
{
    if (n == 0)
        return 1;
    if (s[0] < 128)
        return ld->first[s[0]];
    return ld->wide_first && PyUnicode_FindChar(ld->first_chars, PyUnicode_READ_CHAR(str, 0),
                                                0, PyUnicode_GET_LENGTH(ld->first_chars), 1) >= 0;
}

/* The value of the current SCALAR event (no anchor, no tag): quoted and block scalars are
 * their text; plain ones are resolved where they may be a number, a boolean or null. */
static PyObject *
scalar(Loader *ld)
{
    const unsigned char *s = ld->event.data.scalar.value;
    size_t n = ld->event.data.scalar.length;
    PyObject *str = PyUnicode_DecodeUTF8((const char *)s, (Py_ssize_t)n, "strict");
    if (!str || ld->event.data.scalar.style != YAML_PLAIN_SCALAR_STYLE || !needs_resolving(ld, str, s, n))
        return str;
    /* plain `<<` (a merge key) and `=` (the value tag): the reference refuses both */
    if ((n == 2 && s[0] == '<' && s[1] == '<') || (n == 1 && s[0] == '=')) {
        Py_DECREF(str);
        return NULL;
    }
    PyObject *value = PyObject_CallOneArg(ld->resolve, str);
    Py_DECREF(str);
    return value;
}

static PyObject *node(Loader *ld, PyObject *path, int depth);

/* The current event is a MAPPING-START: read up to its MAPPING-END. NULL = decline. */
static PyObject *
mapping(Loader *ld, PyObject *path, int depth)
{
    PyObject *dict = PyDict_New(), *key = NULL, *sub = NULL, *value = NULL;
    if (!dict)
        return NULL;
    for (;;) {
        if (!next(ld))
            goto fail;
        if (ld->event.type == YAML_MAPPING_END_EVENT)
            return dict;
        /* a key is an untagged scalar without anchor whose value is a str not seen before */
        if (ld->event.type != YAML_SCALAR_EVENT || ld->event.data.scalar.anchor || ld->event.data.scalar.tag)
            goto fail;
        key = scalar(ld);
        if (!key || !PyUnicode_CheckExact(key) || PyDict_Contains(dict, key) != 0)
            goto fail;
        /* the key's span is its own start; then its value, one level deeper */
        sub = extend(path, key);
        if (!sub || set_span(ld, sub) < 0 || !next(ld))
            goto fail;
        value = node(ld, sub, depth + 1);
        if (!value || PyDict_SetItem(dict, key, value) < 0)
            goto fail;
        Py_CLEAR(key);
        Py_CLEAR(sub);
        Py_CLEAR(value);
    }
fail:
    Py_XDECREF(key);
    Py_XDECREF(sub);
    Py_XDECREF(value);
    Py_DECREF(dict);
    return NULL;
}

/* The current event is a SEQUENCE-START: read up to its SEQUENCE-END. NULL = decline. */
static PyObject *
sequence(Loader *ld, PyObject *path, int depth)
{
    PyObject *list = PyList_New(0), *index = NULL, *sub = NULL, *item = NULL;
    if (!list)
        return NULL;
    for (Py_ssize_t i = 0;; i++) {
        if (!next(ld))
            goto fail;
        if (ld->event.type == YAML_SEQUENCE_END_EVENT)
            return list;
        /* an item's span is the start of its first event (scalar or collection start) */
        index = PyLong_FromSsize_t(i);
        sub = index ? extend(path, index) : NULL;
        if (!sub || set_span(ld, sub) < 0)
            goto fail;
        item = node(ld, sub, depth + 1);
        if (!item || PyList_Append(list, item) < 0)
            goto fail;
        Py_CLEAR(index);
        Py_CLEAR(sub);
        Py_CLEAR(item);
    }
fail:
    Py_XDECREF(index);
    Py_XDECREF(sub);
    Py_XDECREF(item);
    Py_DECREF(list);
    return NULL;
}

/* The value of the node whose first event is the current one, at `path`; NULL = decline
 * (too deep, an alias, an anchor or a tag, or an error). */
static PyObject *
node(Loader *ld, PyObject *path, int depth)
{
    yaml_event_t *ev = &ld->event;
    if (depth > ld->max_depth)
        return NULL;
    switch (ev->type) {
    case YAML_SCALAR_EVENT:
        return ev->data.scalar.anchor || ev->data.scalar.tag ? NULL : scalar(ld);
    case YAML_SEQUENCE_START_EVENT:
        return ev->data.sequence_start.anchor || ev->data.sequence_start.tag ? NULL : sequence(ld, path, depth);
    case YAML_MAPPING_START_EVENT:
        return ev->data.mapping_start.anchor || ev->data.mapping_start.tag ? NULL : mapping(ld, path, depth);
    default:  /* an alias */
        return NULL;
    }
}

/* The one document of the stream, if its root is a mapping; NULL = decline. */
static PyObject *
document(Loader *ld)
{
    yaml_event_t *ev = &ld->event;
    if (!next(ld) || ev->type != YAML_STREAM_START_EVENT)
        return NULL;
    if (!next(ld) || ev->type != YAML_DOCUMENT_START_EVENT)  /* an empty stream */
        return NULL;
    if (ev->data.document_start.version_directive
        || ev->data.document_start.tag_directives.start != ev->data.document_start.tag_directives.end)
        return NULL;
    if (!next(ld) || ev->type != YAML_MAPPING_START_EVENT)   /* empty, a scalar or a list */
        return NULL;
    PyObject *root = PyTuple_New(0);
    if (!root || set_span(ld, root) < 0) {
        Py_XDECREF(root);
        return NULL;
    }
    PyObject *data = node(ld, root, 0);
    Py_DECREF(root);
    /* then the end of this document and of the stream: no second document */
    if (data && (!next(ld) || ev->type != YAML_DOCUMENT_END_EVENT || !next(ld) || ev->type != YAML_STREAM_END_EVENT))
        Py_CLEAR(data);
    return data;
}

/* load._prescan: [ and { nested more than FLOW_LIMIT deep, counted over the raw text
 * (inside quotes too); bytes will do, as no UTF-8 sequence holds an ASCII byte. */
static int
too_deep_flow(const char *s, Py_ssize_t n)
{
    Py_ssize_t depth = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (s[i] == '[' || s[i] == '{') {
            if (++depth > FLOW_LIMIT)
                return 1;
        }
        else if ((s[i] == ']' || s[i] == '}') && depth)
            depth--;
    }
    return 0;
}

static PyObject *
load_plain(PyObject *module, PyObject *args)
{
    PyObject *text, *resolve, *first_chars, *data = NULL, *result = NULL;
    int max_depth;
    Py_ssize_t size;
    Loader ld;

    (void)module;
    if (!PyArg_ParseTuple(args, "UOUi:load_plain", &text, &resolve, &first_chars, &max_depth))
        return NULL;
    memset(&ld, 0, sizeof ld);  /* a zeroed event is safe to delete */
    ld.resolve = resolve;
    ld.first_chars = first_chars;
    ld.max_depth = max_depth;
    for (Py_ssize_t i = 0; i < PyUnicode_GET_LENGTH(first_chars); i++) {
        Py_UCS4 ch = PyUnicode_READ_CHAR(first_chars, i);
        if (ch < 128)
            ld.first[ch] = 1;
        else
            ld.wide_first = 1;
    }
    const char *utf8 = PyUnicode_AsUTF8AndSize(text, &size);  /* owned by `text` */
    if (!utf8)
        goto done;
    if (too_deep_flow(utf8, size))
        Py_RETURN_NONE;
    ld.spans = PyDict_New();
    if (!ld.spans)
        goto done;
    if (!yaml_parser_initialize(&ld.parser)) {
        PyErr_NoMemory();
        goto done;
    }
    /* as PyYAML's CParser does for a str */
    yaml_parser_set_encoding(&ld.parser, YAML_UTF8_ENCODING);
    yaml_parser_set_input_string(&ld.parser, (const unsigned char *)utf8, (size_t)size);
    data = document(&ld);
    if (data)
        result = PyTuple_Pack(2, data, ld.spans);
    yaml_event_delete(&ld.event);
    yaml_parser_delete(&ld.parser);
done:
    Py_XDECREF(data);
    Py_XDECREF(ld.spans);
    if (result)
        return result;
    /* decline; an Exception raised on the way (resolve_plain's, text that is no UTF-8) is a
     * decline too, but not running out of memory, nor KeyboardInterrupt and the like */
    if (PyErr_Occurred() && (!PyErr_ExceptionMatches(PyExc_Exception) || PyErr_ExceptionMatches(PyExc_MemoryError)))
        return NULL;
    PyErr_Clear();
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"load_plain", load_plain, METH_VARARGS,
     "load_plain(text, resolve_plain, first_chars, max_depth) -> (data, spans) | None\n\n"
     "The data and spans of a plain YAML mapping document, as dxtrack.check.load gives them\n"
     "when it finds nothing wrong; None for anything else (ask the reference loader)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_yamlc",
    "Optional libyaml fast path for dxtrack.check.fastload (see _yamlc.c).", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__yamlc(void)
{
    return PyModule_Create(&module);
}
