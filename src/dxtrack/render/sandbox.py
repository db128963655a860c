"""Jinja2's immutable sandbox, with budgets: what a template may make, write and spend.

A tracker repo's template is untrusted (a pull request may change it), so it runs in
`ImmutableSandboxedEnvironment`: no name starting with `_` (`__class__`, `__globals__`,
`__subclasses__`), no method that changes the data it is given (`append`, `update`, nor
through a class: `dict.update(x, ...)`), only the data dxtrack passes in. The sandbox alone
does not stop a template from spending the machine (`'x' * 10**9`, `10**10**10`, loops
inside loops), so `Sandbox` adds budgets, each checked before the work is done where it can be:

- a text, list or number the template makes (`*`, `**`, `+`, `%`, `~`, a namespace's value,
  an argument it passes to a call, the padding methods and filters) stays under MAX_BUILT
  items and MAX_INT_BITS bits; padding and format widths under MAX_WIDTH;
- `range()` gives at most MAX_RANGE numbers (as Jinja2's own sandbox);
- one render writes at most MAX_OUTPUT characters (every `{{ }}` and every piece of the
  template's own text, inside macros too), and takes at most MAX_STEPS steps (loop turns,
  calls, lookups, operators) and MAX_SECONDS seconds.

A budget that runs out raises `TooCostly(what, limit)`; `dxtrack.render.templates` words it.
No words here.
"""

from __future__ import annotations

import re
import string
import time
import types
from collections.abc import Callable
from typing import Any

from jinja2 import BaseLoader, TemplateNotFound, nodes, pass_context, pass_environment, pass_eval_context
from jinja2.exceptions import TemplateRuntimeError
from jinja2.runtime import markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Namespace, generate_lorem_ipsum

MAX_BUILT = 4 * 1024 * 1024        # characters of a text, or items of a list, a template makes
MAX_INT_BITS = 4096                # about 1,230 digits (Python refuses to print 4,300)
MAX_WIDTH = 10_000                 # padding and format widths: "x".center(n), "%5000s", "{:>5000}"
MAX_RANGE = 100_000                # numbers range() may give
MAX_OUTPUT = 64 * 1024 * 1024      # characters one render may write
MAX_STEPS = 20_000_000             # loop turns, calls, lookups and operators of one render
MAX_SECONDS = 60.0                 # one render's time (checked every CHECK_EVERY steps)
CHECK_EVERY = 1024
MAX_LIPSUM = 100                   # lipsum(n): paragraphs

_PRINTF = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")
_DIGITS = re.compile(r"\d+")
_PADDING = {"center", "ljust", "rjust", "zfill"}


class TooCostly(TemplateRuntimeError):
    """A budget of the sandbox ran out: `what` is steps, seconds, output, text, number, width,
    range or lipsum; `limit` the budget."""

    def __init__(self, what: str, limit: float):
        super().__init__(f"template budget exceeded: {what} (limit {limit})")
        self.what = what
        self.limit = limit


def size_of(value: Any, limit: int = MAX_BUILT) -> int:
    """About how many characters `value` takes once written (items of a container summed,
    nested ones too); stops counting past `limit`."""
    if isinstance(value, (str, bytes, bytearray)):
        return len(value)
    if isinstance(value, dict):
        value = [*value.keys(), *value.values()]
    if isinstance(value, (list, tuple, set, frozenset)):
        total = len(value)
        for item in value:
            if total > limit:
                break
            if isinstance(item, (str, bytes, list, tuple, dict, set, frozenset)):
                total += size_of(item, limit - total)
        return total
    return 0


def check_size(value: Any, deep: bool = True) -> Any:
    """`value`, if it is within the budget of what a template may make (a container's own
    length only, unless `deep`: then what writing it out would take)."""
    if isinstance(value, int) and not isinstance(value, bool):
        if value.bit_length() > MAX_INT_BITS:
            raise TooCostly("number", MAX_INT_BITS)
    elif (size_of(value) if deep else _length(value)) > MAX_BUILT:
        raise TooCostly("text", MAX_BUILT)
    return value


def _length(value: Any) -> int:
    return len(value) if isinstance(value, (str, bytes, bytearray, list, tuple, dict, set, frozenset)) else 0


def _check_width(width: Any, length: int = 0) -> None:
    if isinstance(width, int) and width > max(MAX_WIDTH, length):
        raise TooCostly("width", MAX_WIDTH)


def _check_printf(fmt: str, args: Any) -> None:
    """`fmt % args`: no width from an argument (`%*d`), no width or precision over MAX_WIDTH,
    and not more text than the budget."""
    for match in _PRINTF.finditer(fmt):
        for group in match.groups():
            if group == "*" or (group and int(group) > MAX_WIDTH):
                raise TooCostly("width", MAX_WIDTH)
    if len(fmt) + size_of(args if isinstance(args, (tuple, dict)) else (args,)) > MAX_BUILT:
        raise TooCostly("text", MAX_BUILT)


def _check_format(fmt: str, args: tuple, kwargs: dict) -> None:
    """`fmt.format(...)`: no width taken from an argument (`{:{w}}`), none over MAX_WIDTH, and
    each field at most as long as the longest argument."""
    fields = 0
    try:
        parsed = list(string.Formatter().parse(fmt))
    except ValueError:
        return  # format itself says what is wrong
    for _text, field, spec, _conversion in parsed:
        if field is None:
            continue
        fields += 1
        if spec and ("{" in spec or any(int(n) > MAX_WIDTH for n in _DIGITS.findall(spec))):
            raise TooCostly("width", MAX_WIDTH)
    longest = max((size_of(a) or len(str(a)) for a in (*args, *kwargs.values())), default=0)
    if len(fmt) + fields * longest > MAX_BUILT:
        raise TooCostly("text", MAX_BUILT)


def _check_method(method: Any, args: tuple, kwargs: dict) -> None:
    """The methods of text and numbers that make more than they are given: padding, tabs,
    replace, join, translate, to_bytes; each checked against the budget before it runs."""
    owner, name = getattr(method, "__self__", None), getattr(method, "__name__", "")
    if isinstance(owner, (str, bytes, bytearray)):
        _check_text_method(owner, name, args, kwargs)
    elif isinstance(owner, int) and name == "to_bytes":
        length = args[0] if args else kwargs.get("length", 1)
        if isinstance(length, int) and length > MAX_BUILT:
            raise TooCostly("text", MAX_BUILT)


def _check_text_method(text: Any, name: str, args: tuple, kwargs: dict) -> None:
    first = args[0] if args else None
    if name in _PADDING:
        _check_width(first if first is not None else kwargs.get("width"), len(text))
    elif name == "expandtabs":
        size = first if first is not None else kwargs.get("tabsize", 8)
        if isinstance(size, int) and size * text.count("\t" if isinstance(text, str) else b"\t") > MAX_BUILT:
            raise TooCostly("text", MAX_BUILT)
    elif name == "replace" and len(args) >= 2:
        old, new = args[0], args[1]
        if isinstance(old, type(text)) and isinstance(new, type(text)):
            times = text.count(old) if old else len(text) + 1
            if len(text) + times * max(0, len(new) - len(old)) > MAX_BUILT:
                raise TooCostly("text", MAX_BUILT)
    elif name == "join" and first is not None:
        items = first if isinstance(first, (list, tuple, set, frozenset, dict, str)) else ()
        if len(text) * len(items) + size_of(items) > MAX_BUILT:
            raise TooCostly("text", MAX_BUILT)
    elif name == "translate" and isinstance(first, dict):
        longest = max((len(v) for v in first.values() if isinstance(v, str)), default=1)
        if len(text) * longest > MAX_BUILT:
            raise TooCostly("text", MAX_BUILT)


class BoundedNamespace(Namespace):
    """`namespace()` whose values stay within the budget (`{% set ns.s = ns.s ~ ns.s %}`)."""

    def __setitem__(self, name: str, value: Any) -> None:
        super().__setitem__(name, check_size(value))


class Sandbox(ImmutableSandboxedEnvironment):
    """The environment every template runs in: Jinja2's immutable sandbox, with budgets.
    `reset()` starts a render's budget (`dxtrack.render.templates.render_template` does)."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, **options: Any):
        super().__init__(finalize=_written, **options)
        self.globals.update(range=_range, namespace=BoundedNamespace, lipsum=_lipsum)
        for name, check in _BOUNDED_FILTERS.items():
            self.filters[name] = _checked(self.filters[name], check)
        self.filters["join"] = _bounded_join(self.filters["join"])
        self.filters["sum"] = _bounded_sum(self.filters["sum"])
        self.filters.update({"_dx_loop": _loop, "_dx_text": _template_text, "_dx_concat": _concat})
        self.reset()

    def reset(self) -> None:
        self.steps = 0
        self.written = 0
        self.next_check = CHECK_EVERY
        self.deadline = time.monotonic() + MAX_SECONDS

    def tick(self, steps: int = 1, written: int = 0) -> None:
        """Spend `steps` and `written` characters of the render's budget (the steps and the
        clock looked at every CHECK_EVERY steps: a step is cheap)."""
        self.steps += steps
        if written:
            self.written += written
            if self.written > MAX_OUTPUT:
                raise TooCostly("output", MAX_OUTPUT)
        if self.steps >= self.next_check:
            self.next_check = self.steps + CHECK_EVERY
            if self.steps > MAX_STEPS:
                raise TooCostly("steps", MAX_STEPS)
            if time.monotonic() > self.deadline:
                raise TooCostly("seconds", MAX_SECONDS)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Jinja2's rules, and no attribute of a class: `dict.update(data, ...)` would change the
        data through the class, which the immutable sandbox checks only on the data itself."""
        return not isinstance(obj, type) and super().is_safe_attribute(obj, attr, value)

    # -- what a template does, each a step

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        self.tick()
        _check_binop(operator, left, right)
        try:
            result = super().call_binop(context, operator, left, right)
        except OverflowError:  # 10.0 ** 400
            raise TooCostly("number", MAX_INT_BITS) from None
        return check_size(result, deep=False)

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.tick()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.tick()
        return super().getitem(obj, argument)

    def call(__self, __context, __obj, *args: Any, **kwargs: Any) -> Any:
        __self.tick()
        for value in (*args, *kwargs.values()):
            check_size(value, deep=False)
        if isinstance(__obj, (types.BuiltinMethodType, types.MethodType)):
            _check_method(__obj, args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Any:
        wrapper = super().wrap_str_format(value)
        if wrapper is None:
            return None
        fmt, is_map = value.__self__, value.__name__ == "format_map"

        def checked(*args: Any, **kwargs: Any) -> str:
            mapping = args[0] if is_map and args and isinstance(args[0], dict) else kwargs
            _check_format(str(fmt), () if is_map else args, mapping)
            return wrapper(*args, **kwargs)

        return checked

    # -- the template itself: loops, text and ~ counted

    def _generate(self, source: nodes.Template, name: str | None, filename: str | None,
                  defer_init: bool = False) -> str:
        _bound_tree(source)
        source.set_environment(self)
        return super()._generate(source, name, filename, defer_init=defer_init)


def _check_binop(operator: str, left: Any, right: Any) -> None:
    """`left operator right` within the budget, checked before it is worked out."""
    ints = all(isinstance(v, int) for v in (left, right))
    if operator == "**" and ints and right > 0 and abs(left) > 1:
        if left.bit_length() * right > MAX_INT_BITS:
            raise TooCostly("number", MAX_INT_BITS)
    elif operator == "*" and ints:
        if left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise TooCostly("number", MAX_INT_BITS)
    elif operator == "*":
        times, seq = (right, left) if isinstance(right, int) else (left, right)
        if isinstance(times, int) and times * _length(seq) > MAX_BUILT:
            raise TooCostly("text", MAX_BUILT)
    elif operator == "+" and not ints and _length(left) + _length(right) > MAX_BUILT:
        raise TooCostly("text", MAX_BUILT)
    elif operator == "%" and isinstance(left, str):
        _check_printf(left, right)


def _bound_tree(tree: nodes.Template) -> None:
    """Every loop's items counted as steps (`_dx_loop`), every piece of the template's own text
    as written (`_dx_text`), every `~` checked (`_dx_concat`)."""
    for loop in list(tree.find_all(nodes.For)):
        loop.iter = _filter(loop.iter, "_dx_loop")
    for output in list(tree.find_all(nodes.Output)):
        text = sum(len(n.data) for n in output.nodes if isinstance(n, nodes.TemplateData))
        if text:
            output.nodes.append(_filter(nodes.Const("", lineno=output.lineno), "_dx_text", nodes.Const(text)))
    for parent in [tree, *tree.find_all(nodes.Node)]:
        for field in parent.fields:
            child = getattr(parent, field, None)
            if isinstance(child, nodes.Concat):
                setattr(parent, field, _concat_node(child))
            elif isinstance(child, list):
                setattr(parent, field, [_concat_node(c) if isinstance(c, nodes.Concat) else c for c in child])


def _concat_node(node: nodes.Concat) -> nodes.Expr:
    return _filter(nodes.List(node.nodes, lineno=node.lineno), "_dx_concat")


def _filter(node: nodes.Node, name: str, *args: nodes.Expr) -> nodes.Filter:
    return nodes.Filter(node, name, list(args), [], None, None, lineno=node.lineno)


@pass_context
def _loop(context, items: Any) -> Any:
    """A loop's items, each a step (a loop whose body does nothing is still counted)."""
    tick = context.environment.tick
    for item in items:
        tick()
        yield item


@pass_context
def _template_text(context, value: str, length: int) -> str:
    context.environment.tick(1, length)
    return value


@pass_context
def _written(context, value: Any) -> Any:
    """Every `{{ }}` of a render: its length counted before it is written (a list or a
    mapping written out within the budget of a made text: `{{ [big] * 1000 }}`)."""
    if isinstance(value, str):
        context.environment.tick(1, len(value))
        return value
    size = size_of(value)
    if size > MAX_BUILT:
        raise TooCostly("text", MAX_BUILT)
    context.environment.tick(1, size or 8)
    return value


@pass_eval_context
def _concat(eval_ctx, parts: list) -> str:
    """`a ~ b`, checked against the budget before it is joined."""
    total = 0
    for part in parts:
        total += len(part) if isinstance(part, str) else size_of(part) or len(str(part))
        if total > MAX_BUILT:
            raise TooCostly("text", MAX_BUILT)
    return markup_join(parts) if eval_ctx.autoescape else str_join(parts)


def _range(*args: int) -> range:
    numbers = range(*args)
    try:
        count = len(numbers)
    except OverflowError:
        count = MAX_RANGE + 1
    if count > MAX_RANGE:
        raise TooCostly("range", MAX_RANGE)
    return numbers


def _lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    if n > MAX_LIPSUM or max > MAX_WIDTH or min > MAX_WIDTH:
        raise TooCostly("lipsum", MAX_LIPSUM)
    return generate_lorem_ipsum(n=n, html=html, min=min, max=max)


# -- the built-in filters that can make more than they are given, each checked first

def _checked(real: Any, check: Any) -> Any:
    """The filter `real`, calling `check` with its arguments (the value first) before it runs."""
    passes = getattr(real, "jinja_pass_arg", None)
    if passes is None:
        def plain(*args: Any, **kwargs: Any) -> Any:
            check(*args, **kwargs)
            return real(*args, **kwargs)
        return plain

    def passing(first: Any, *args: Any, **kwargs: Any) -> Any:  # the context, eval context or environment
        check(*args, **kwargs)
        return real(first, *args, **kwargs)
    passing.jinja_pass_arg = passes  # type: ignore[attr-defined]
    return passing


def _center(value: Any, width: Any = 80) -> None:
    _check_width(width, len(str(value)))


def _indent(s: Any, width: Any = 4, first: bool = False, blank: bool = False) -> None:
    pad = len(width) if isinstance(width, str) else width
    if isinstance(pad, int) and pad * (str(s).count("\n") + 1) + len(str(s)) > MAX_BUILT:
        raise TooCostly("text", MAX_BUILT)


def _format(value: Any, *args: Any, **kwargs: Any) -> None:
    _check_printf(str(value), kwargs or args)


def _replace(s: Any, old: Any, new: Any, count: Any = None) -> None:
    text, old_text, new_text = str(s), str(old), str(new)
    times = text.count(old_text) if old_text else len(text) + 1
    if isinstance(count, int) and count >= 0:
        times = min(times, count)
    if len(text) + times * max(0, len(new_text) - len(old_text)) > MAX_BUILT:
        raise TooCostly("text", MAX_BUILT)


def _wordwrap(s: Any, width: Any = 79, break_long_words: bool = True, wrapstring: Any = None,
              break_on_hyphens: bool = True) -> None:
    text, gap = str(s), len(wrapstring) if isinstance(wrapstring, str) else 1
    if isinstance(width, int) and gap * (len(text) // max(width, 1) + text.count("\n") + 1) > MAX_BUILT:
        raise TooCostly("text", MAX_BUILT)


def _groups(value: Any, count: Any, fill_with: Any = None) -> None:
    _check_width(count)  # batch's size of a group, slice's number of groups


def _written_size(value: Any, indent: Any = None) -> None:
    check_size(value)  # string, pprint, tojson: what they write
    _check_width(indent)


def _urlize(value: Any, *args: Any, **kwargs: Any) -> None:
    text = str(value)
    extra = sum(len(a) for a in (*args, *kwargs.values()) if isinstance(a, str))
    links = text.count(".") + text.count(":") + text.count("@") + 1  # each link has one of them
    if 2 * len(text) + (extra + 40) * links > MAX_BUILT:
        raise TooCostly("text", MAX_BUILT)


def _bounded_sum(real: Any) -> Any:
    """sum: adding up texts or lists (`start=[]`) within the budget."""
    @pass_environment
    def sum_(environment: Any, iterable: Any, attribute: Any = None, start: Any = 0) -> Any:
        items = list(iterable)
        if not isinstance(start, (int, float)) and _length(start) + sum(map(_length, items)) > MAX_BUILT:
            raise TooCostly("text", MAX_BUILT)
        return real(environment, items, attribute, start)
    return sum_


def _bounded_join(real: Any) -> Any:
    @pass_eval_context
    def join(eval_ctx: Any, value: Any, d: Any = "", attribute: Any = None) -> Any:
        items = value if isinstance(value, (list, tuple, set, frozenset, dict, str)) else list(value)
        if len(str(d)) * len(items) + size_of(items) > MAX_BUILT:
            raise TooCostly("text", MAX_BUILT)
        return real(eval_ctx, items, d, attribute)
    return join


_BOUNDED_FILTERS = {"center": _center, "indent": _indent, "format": _format, "replace": _replace,
                    "wordwrap": _wordwrap, "batch": _groups, "slice": _groups, "string": _written_size,
                    "pprint": _written_size, "tojson": _written_size, "urlize": _urlize}


class RepoLoader(BaseLoader):
    """Templates by name through `find(name) -> (text, filename) | None`; nothing cached
    across renders (each render has its own environment)."""

    def __init__(self, find: Callable[[str], tuple[str, str] | None]):
        self.find = find

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        found = self.find(template)
        if found is None:
            raise TemplateNotFound(template)
        text, filename = found
        return text, filename, lambda: True
