/* `tail --event NAME` at C speed: the lines of a block that hold an event's name, and the
   records of those that are plainly what VS Code logs.

   Optional: pyproject.toml builds it where a C compiler is at hand, and the package works the
   same without it. Each function does a part of what Python code does on its own: needles.py
   (`lines_holding`, the search) and records.py (`RecordReader.read_found`, the fast path), which
   stay the reference and run where this module is missing. On logs of small events, Python's
   per-line bytecode was most of `tail --event`'s time (docs/architecture.md, "Native code").
   tests/logs/test_speedups.py holds each function to the Python it stands for, and runs it built
   with AddressSanitizer.

   Both read their buffer only (bytes: nothing changes it during a call), between bounds they
   check, and keep nothing between calls. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

/* what ends a logged name: `\s` of a bytes pattern (see lines.py, NAME) */
static int ends_name(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Plain loops, which the compiler turns into vector compares (lines are a few hundred bytes,
   and a memchr() call per line costs more): counted in bytes, 255 at a time, so that each
   compare adds to a byte lane instead of being widened to a 64-bit sum. */
static Py_ssize_t newlines_in(const char *at, const char *end)
{
    Py_ssize_t count = 0;
    while (end - at >= 255) {
        unsigned char some = 0;
        for (int i = 0; i < 255; i++) {
            some += at[i] == '\n';
        }
        count += some;
        at += 255;
    }
    for (; at < end; at++) {
        count += *at == '\n';
    }
    return count;
}

/* How a call searches: memchr() jumps from one `probe` byte (the needle's byte at that offset,
   rare in the log: needles.py chooses it) to the next, and the needle is compared there; glibc's
   memmem() tests more bytes. A probe that leads to a wrong place once in MISS_SPACING bytes or
   more often is given up for memmem() (probe -1), as needles.py does. */
#define MISS_SPACING 8192
struct search {
    const char *needle;
    Py_ssize_t length;
    Py_ssize_t probe;
    Py_ssize_t misses;
    Py_ssize_t start;
};

/* Where the needle next occurs in base[at:size], or NULL. */
static const char *find(struct search *search, const char *base, Py_ssize_t at, Py_ssize_t size)
{
    const Py_ssize_t length = search->length;
    while (search->probe >= 0 && size - at >= length) {
        const Py_ssize_t probe = search->probe;
        const char *seen = memchr(base + at + probe, (unsigned char)search->needle[probe],
                                  (size_t)(size - at - probe));
        if (seen == NULL) {
            return NULL;
        }
        const char *candidate = seen - probe;
        if (seen - base + (length - probe) <= size
            && memcmp(candidate, search->needle, (size_t)length) == 0) {
            return candidate;
        }
        at = candidate - base + 1;
        search->misses++;
        if (search->misses > 16 && search->misses * MISS_SPACING > at - search->start) {
            search->probe = -1;
        }
    }
    if (size - at < length) {
        return NULL;
    }
    return memmem(base + at, (size_t)(size - at), search->needle, (size_t)length);
}

static PyObject *triple(Py_ssize_t a, Py_ssize_t b, Py_ssize_t c)
{
    PyObject *tuple = PyTuple_New(3);
    if (tuple == NULL) {
        return NULL;
    }
    const Py_ssize_t values[3] = {a, b, c};
    for (int i = 0; i < 3; i++) {
        PyObject *value = PyLong_FromSsize_t(values[i]);
        if (value == NULL) {
            Py_DECREF(tuple);
            return NULL;
        }
        PyTuple_SET_ITEM(tuple, i, value);
    }
    return tuple;
}

PyDoc_STRVAR(lines_holding_doc,
"lines_holding(data, needle, probe, start, size) -> (found, newlines)\n\n"
"The lines of data[start:size] (complete lines: it ends with a newline) holding `needle`\n"
"followed by whitespace or by the end: for each, (begin, end, newlines before begin), end being\n"
"the line's newline and the newlines counted from `start`; and the newlines in the whole range.\n"
"`probe`: the offset in `needle` of a byte rare in the log to look for first, or -1.");

static PyObject *lines_holding(PyObject *module, PyObject *args)
{
    (void)module;
    /* bytes, never a writable buffer: an allocation below may run a collection, whose
       finalizers may change a bytearray's bytes (the newline that ends the range, say) */
    PyObject *data, *needle;
    Py_ssize_t probe, start, size;
    if (!PyArg_ParseTuple(args, "O!O!nnn:lines_holding", &PyBytes_Type, &data, &PyBytes_Type,
                          &needle, &probe, &start, &size)) {
        return NULL;
    }
    const Py_ssize_t after = PyBytes_GET_SIZE(needle);
    if (after == 0 || probe >= after || start < 0 || start > size
        || size > PyBytes_GET_SIZE(data)) {
        PyErr_SetString(PyExc_ValueError, "lines_holding: a needle, probe or range out of bounds");
        return NULL;
    }
    const char *base = PyBytes_AS_STRING(data);
    if (size > start && base[size - 1] != '\n') {
        PyErr_SetString(PyExc_ValueError, "lines_holding: the range does not end with a newline");
        return NULL;
    }
    PyObject *result = NULL, *found = PyList_New(0);
    if (found == NULL) {
        return NULL;
    }
    Py_ssize_t line = start; /* the first byte of the first line not yet looked at */
    Py_ssize_t newlines = 0; /* in data[start:line] */
    Py_ssize_t at = start;
    struct search search = {PyBytes_AS_STRING(needle), after, probe < 0 ? -1 : probe, 0, start};
    while (size - at >= after) {
        const char *hit = find(&search, base, at, size);
        if (hit == NULL) {
            break;
        }
        Py_ssize_t offset = hit - base;
        if (offset + after < size && !ends_name((unsigned char)base[offset + after])) {
            at = offset + 1; /* a longer name: `alpha` in `alphabet` */
            continue;
        }
        Py_ssize_t begin = offset;
        while (begin > line && base[begin - 1] != '\n') {
            begin--;
        }
        newlines += newlines_in(base + line, base + begin);
        /* the range ends with a newline: one follows */
        const char *newline = memchr(hit, '\n', (size_t)(size - offset));
        Py_ssize_t end = newline - base;
        PyObject *entry = triple(begin, end, newlines);
        if (entry == NULL || PyList_Append(found, entry) < 0) {
            Py_XDECREF(entry);
            goto done;
        }
        Py_DECREF(entry);
        newlines += 1;
        line = at = end + 1;
    }
    newlines += newlines_in(base + line, base + size);
    result = Py_BuildValue("(On)", found, newlines);
done:
    Py_DECREF(found);
    return result;
}

/* ---- the records of lines plainly as VS Code logs them (records.py, RecordReader.read_found) */

/* A line's head as records.py's _LINE matches it: `<date> <clock> <key> {"properties":`, the key
   being what lies between the clock's space and the first `{`, which a space precedes. */
#define STAMP 23 /* `2026-03-30 10:00:00.123` */
static const char STAMP_SHAPE[] = "0000-00-00 00:00:00.000";
static const char OPENING[] = "{\"properties\":";

static int stamped(const char *line)
{
    for (int i = 0; i < STAMP; i++) {
        const char shape = STAMP_SHAPE[i];
        if (shape == '0' ? !(line[i] >= '0' && line[i] <= '9') : line[i] != shape) {
            return 0;
        }
    }
    return line[STAMP] == ' ';
}

/* The payloads this module passes as valid JSON are a narrow kind of what VS Code logs:
   {"properties":{"k":"v",...},"measurements":{"k":n,...}} with no blank, no escape and only
   printable ASCII in strings, and plain numbers that are finite doubles (at most 18 digits
   before the point, a 64-bit integer without one). Anything else is left to Python (None). */
static unsigned char in_text[256]; /* the bytes a string holds as itself: set at import */

static int text(const char **at, const char *end)
{
    const unsigned char *p = (const unsigned char *)*at, *stop = (const unsigned char *)end;
    if (p >= stop || *p != '"') {
        return 0;
    }
    for (p++; p < stop && in_text[*p]; p++) {
    }
    if (p >= stop || *p != '"') {
        return 0;
    }
    *at = (const char *)p + 1;
    return 1;
}

static int digits(const char **at, const char *end, int most)
{
    const char *p = *at;
    while (p < end && *p >= '0' && *p <= '9') {
        p++;
    }
    const Py_ssize_t count = p - *at;
    *at = p;
    return count >= 1 && count <= most;
}

static int number(const char **at, const char *end)
{
    const char *p = *at;
    if (p < end && *p == '-') {
        p++;
    }
    if (p < end && *p == '0') {
        p++;
    } else if (!digits(&p, end, 18)) {
        return 0;
    }
    if (p < end && *p == '.') {
        p++;
        if (!digits(&p, end, 18)) {
            return 0;
        }
    }
    *at = p;
    return 1;
}

/* `{"k":value,...}` from the `{` on, every value a string or (numbers) a number */
static int members(const char **at, const char *end, int numbers)
{
    const char *p = *at;
    if (p >= end || *p != '{') {
        return 0;
    }
    p++;
    if (p < end && *p == '}') {
        *at = p + 1;
        return 1;
    }
    for (;;) {
        if (!text(&p, end) || p >= end || *p != ':') {
            return 0;
        }
        p++;
        if (!(numbers ? number(&p, end) : text(&p, end)) || p >= end) {
            return 0;
        }
        if (*p == '}') {
            *at = p + 1;
            return 1;
        }
        if (*p != ',') {
            return 0;
        }
        p++;
    }
}

static int plain_payload(const char *p, const char *end)
{
    static const char MEASUREMENTS[] = ",\"measurements\":";
    const Py_ssize_t opening = sizeof OPENING - 1, middle = sizeof MEASUREMENTS - 1;
    if (end - p < opening || memcmp(p, OPENING, (size_t)opening) != 0) {
        return 0;
    }
    p += opening;
    if (!members(&p, end, 0) || end - p < middle || memcmp(p, MEASUREMENTS, (size_t)middle)) {
        return 0;
    }
    p += middle;
    return members(&p, end, 1) && p == end - 1 && *p == '}';
}

/* The record of line base[begin:end] (end: its newline), or None (a new reference either way). */
static PyObject *record_of(const char *base, Py_ssize_t begin, Py_ssize_t end, PyObject *templates,
                           Py_ssize_t number)
{
    const char *line = base + begin;
    const Py_ssize_t length = end - begin;
    if (length < STAMP + 1 + 1 + (Py_ssize_t)sizeof OPENING || !stamped(line)
        || line[length - 1] != '}') {
        Py_RETURN_NONE;
    }
    const char *brace = memchr(line + STAMP + 1, '{', (size_t)(length - STAMP - 1));
    if (brace == NULL || brace - line < STAMP + 2 || brace[-1] != ' '
        || !plain_payload(brace, line + length)) {
        Py_RETURN_NONE;
    }
    PyObject *key = PyBytes_FromStringAndSize(line + STAMP + 1, brace - 1 - (line + STAMP + 1));
    if (key == NULL) {
        return NULL;
    }
    PyObject *template = PyDict_GetItemWithError(templates, key); /* borrowed */
    Py_DECREF(key);
    if (template == NULL) {
        if (PyErr_Occurred()) {
            return NULL;
        }
        Py_RETURN_NONE; /* a key not judged yet: Python judges it */
    }
    if (!PyBytes_CheckExact(template)) {
        Py_RETURN_NONE; /* an extension's event, or one not wanted: Python's */
    }
    /* held at once: an allocation below may run a collection, and a finalizer may take it out
       of the dict */
    Py_INCREF(template);
    PyObject *parts = PyTuple_New(4);
    if (parts == NULL) {
        Py_DECREF(template);
        return NULL;
    }
    PyObject *const made[4] = {
        PyBytes_FromStringAndSize(line, 10),
        PyBytes_FromStringAndSize(line + 11, 12),
        PyBytes_FromStringAndSize(brace + 1, line + length - 1 - (brace + 1)),
        PyLong_FromSsize_t(number),
    };
    int failed = 0;
    for (int i = 0; i < 4; i++) {
        failed |= made[i] == NULL;
        PyTuple_SET_ITEM(parts, i, made[i]); /* NULL too: the tuple's dealloc skips it */
    }
    PyObject *record = failed ? NULL : PyNumber_Remainder(template, parts);
    Py_DECREF(parts);
    Py_DECREF(template);
    return record;
}

PyDoc_STRVAR(records_of_doc,
"records_of(data, found, templates, number) -> list\n\n"
"For each line `found` lists (begin, end, newlines before begin from the line numbered `number`,\n"
"as lines_holding gives them), its record `templates[key] % (date, clock, payload without its\n"
"braces, line number)` when the line is plainly as VS Code logs an event and its key's template\n"
"is bytes; else None.");

static PyObject *records_of(PyObject *module, PyObject *args)
{
    (void)module;
    PyObject *data, *found, *templates; /* data: bytes, as lines_holding's */
    Py_ssize_t number;
    if (!PyArg_ParseTuple(args, "O!O!O!n:records_of", &PyBytes_Type, &data, &PyList_Type, &found,
                          &PyDict_Type, &templates, &number)) {
        return NULL;
    }
    /* The entries as they are now: a dict lookup may run Python code (a key's __eq__), which
       may change the list. The tuple holds each entry for the whole call. */
    PyObject *entries = PyList_AsTuple(found);
    if (entries == NULL) {
        return NULL;
    }
    const Py_ssize_t count = PyTuple_GET_SIZE(entries);
    PyObject *records = PyList_New(count);
    for (Py_ssize_t i = 0; records != NULL && i < count; i++) {
        PyObject *entry = PyTuple_GET_ITEM(entries, i);
        if (!PyTuple_CheckExact(entry) || PyTuple_GET_SIZE(entry) != 3) {
            PyErr_SetString(PyExc_TypeError, "records_of: an entry is not (begin, end, newlines)");
            Py_CLEAR(records);
            break;
        }
        const Py_ssize_t begin = PyLong_AsSsize_t(PyTuple_GET_ITEM(entry, 0));
        const Py_ssize_t end = PyLong_AsSsize_t(PyTuple_GET_ITEM(entry, 1));
        const Py_ssize_t newlines = PyLong_AsSsize_t(PyTuple_GET_ITEM(entry, 2));
        if (PyErr_Occurred()) {
            Py_CLEAR(records);
            break;
        }
        if (begin < 0 || begin > end || end >= PyBytes_GET_SIZE(data) || newlines < 0) {
            PyErr_SetString(PyExc_ValueError, "records_of: a line outside data");
            Py_CLEAR(records);
            break;
        }
        if (number > 0 && newlines > PY_SSIZE_T_MAX - number) { /* signed overflow */
            PyErr_SetString(PyExc_ValueError, "records_of: a line number past the largest");
            Py_CLEAR(records);
            break;
        }
        PyObject *record =
            record_of(PyBytes_AS_STRING(data), begin, end, templates, number + newlines);
        if (record == NULL) {
            Py_CLEAR(records);
            break;
        }
        PyList_SET_ITEM(records, i, record);
    }
    Py_DECREF(entries);
    return records;
}

static PyMethodDef methods[] = {
    {"lines_holding", lines_holding, METH_VARARGS, lines_holding_doc},
    {"records_of", records_of, METH_VARARGS, records_of_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    "telemetry_inspector.logs._speedups",
    "`tail --event NAME` at C speed (see needles.py and records.py).",
    0,
    methods,
    NULL,
    NULL,
    NULL,
    NULL,
};

PyMODINIT_FUNC PyInit__speedups(void)
{
    for (int byte = 0x20; byte <= 0x7e; byte++) {
        in_text[byte] = byte != '"' && byte != '\\';
    }
    return PyModule_Create(&module);
}
