"""What the models say about each file kind, as plain data read from the models themselves.

`RECORD_TYPE_NAMES` are the record types in order (event, product, channel, report);
`FIELDS[kind]` lists the fields of each kind `dxtrack new` writes (the record types and
plan) in file order, each as a `FieldSpec`: its key, whether it is required, a list, a
date, an int, a URL, which code list it draws from. Everything comes from the pydantic
models (`model_fields`, the annotations, the types of `models.types`), so that `new`,
`fmt` and the prompts share one description instead of keeping copies that drift.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from types import UnionType
from typing import Annotated, Literal, Union, get_args, get_origin

from annotated_types import Ge
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from dxtrack.models.plan import Plan
from dxtrack.models.records import RECORD_TYPES
from dxtrack.models.settings import Settings
from dxtrack.models.types import CodeList, Url
from dxtrack.models.units import UnitsFile

RECORD_TYPE_NAMES: tuple[str, ...] = tuple(RECORD_TYPES)
MODELS: dict[str, type[BaseModel]] = {**RECORD_TYPES, "plan": Plan}  # the kinds `dxtrack new` writes
KINDS: tuple[str, ...] = tuple(MODELS)
# the other files, by the kind `check.discover` gives them
DOCUMENT_MODELS: dict[str, type[BaseModel]] = {"settings": Settings, "units": UnitsFile, "plan": Plan}


@dataclass(frozen=True)
class FieldSpec:
    """One key of a file and what its value holds (for a list or mapping: each item)."""

    name: str                       # the key as written in the file (`from` of a period)
    required: bool
    many: bool = False              # a list
    mapping: bool = False           # a mapping of names to values (a product's metrics)
    code_list: str | None = None    # the list of `models.codes.LISTS` its codes come from
    is_date: bool = False
    is_int: bool = False
    is_url: bool = False
    minimum: int | None = None      # the least int allowed
    const: str | None = None        # the one value allowed (a record's `type`)
    fields: tuple[FieldSpec, ...] = ()  # the keys of a nested mapping (evidence, period, tasks)


def _unwrap(annotation, metadata: list) -> tuple[object, list, bool, bool]:
    """A field's annotation → (the bare type, all its metadata, a list?, a mapping?), looking
    through Optional, list, dict and Annotated (whose Field(...) metadata is flattened)."""
    many = mapping = False
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation, *extra = get_args(annotation)
            for item in extra:
                metadata = metadata + (item.metadata if isinstance(item, FieldInfo) else [item])
        elif origin in (Union, UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            if len(args) != 1:  # a real union of types: none of the file models has one
                break
            annotation = args[0]
        elif origin is list:
            many, annotation = True, get_args(annotation)[0]
        elif origin is dict:
            mapping, annotation = True, get_args(annotation)[1]
        else:
            return annotation, metadata, many, mapping
    return annotation, metadata, many, mapping


def _is_url(metadata: list) -> bool:
    """The field is of type `models.types.Url` (it carries all of Url's validators)."""
    return all(item in metadata for item in get_args(Url)[1:])


def _spec(name: str, info: FieldInfo) -> FieldSpec:
    """The description of model field `name`."""
    bare, metadata, many, mapping = _unwrap(info.annotation, list(info.metadata))
    return FieldSpec(
        name=info.alias or name, required=info.is_required(), many=many, mapping=mapping,
        code_list=next((m.name for m in metadata if isinstance(m, CodeList)), None),
        is_date=bare is date, is_int=bare is int, is_url=_is_url(metadata),
        minimum=next((m.ge for m in metadata if isinstance(m, Ge) and isinstance(m.ge, int)), None),
        const=get_args(bare)[0] if get_origin(bare) is Literal else None,
        fields=describe(bare) if isinstance(bare, type) and issubclass(bare, BaseModel) else (),
    )


def describe(model: type[BaseModel]) -> tuple[FieldSpec, ...]:
    """The fields of `model` in file order: its `KEY_ORDER` where it has one, else as declared.
    Raises ValueError if a `KEY_ORDER` leaves out a field or names one the model lacks."""
    infos = model.model_fields
    order = getattr(model, "KEY_ORDER", ()) or tuple(infos)
    if sorted(order) != sorted(infos):
        raise ValueError(f"{model.__name__}.KEY_ORDER does not list its fields: {order}")
    return tuple(_spec(name, infos[name]) for name in order)


FIELDS: dict[str, tuple[FieldSpec, ...]] = {kind: describe(model) for kind, model in MODELS.items()}


def field_spec(kind: str, name: str) -> FieldSpec | None:
    """Field `name` of a `kind` file (one of KINDS), or None if it has none of that name."""
    return next((f for f in FIELDS[kind] if f.name == name), None)


def code_list(kind: str, name: str) -> str | None:
    """The code list of field `name` of a `kind` file, or None if it holds no codes."""
    spec = field_spec(kind, name)
    return spec.code_list if spec else None


def required_fields(kind: str) -> list[str]:
    """The fields a `kind` file must have that are not fixed (a record's `type` is), in file order."""
    return [f.name for f in FIELDS[kind] if f.required and f.const is None]


def date_field(kind: str) -> str | None:
    """The field holding a record's own date (`RecordBase.when`): its first required date;
    None for a plan."""
    return next((f.name for f in FIELDS[kind] if f.is_date and f.required and not f.many), None)


def code_paths(fields: tuple[FieldSpec, ...], prefix: tuple = ()) -> dict[tuple, str]:
    """Path → code list of every code field in `fields`, nested ones too. A path is the keys
    from the top; "*" stands for any item of a list of mappings (`("tasks", "*", "topics")`);
    a list of codes has the path of its key (`("audiences",)`)."""
    paths: dict[tuple, str] = {}
    for spec in fields:
        path = prefix + (spec.name,)
        if spec.code_list:
            paths[path] = spec.code_list
        paths.update(code_paths(spec.fields, path + ("*",) if spec.many else path))
    return paths
