"""Safe loading of publiccode.yml files, keeping the line number of every key.

Input is untrusted (it comes from any repository we harvest), so the loader:

* refuses input over ``MAX_BYTES`` before any parsing;
* refuses NUL bytes (binary files) and bytes that are not UTF-8, naming the byte offset;
* refuses every explicit YAML tag (``!!python/object``, ``!custom``, even ``!!str``),
  so no object can be constructed;
* expands aliases itself under a node budget, a budget of expanded scalar characters
  and a depth limit, so "billion laughs" documents (many small nodes, or a few aliases
  of one huge string) and recursive anchors are refused instead of exhausting memory;
* turns every YAML error (tabs in indentation, bad syntax, several documents) into a
  problem with its line and column instead of a traceback.

Scalars are resolved as YAML 1.1 (PyYAML) does, except that timestamps are kept as
the original strings: dates are validated later, and "2021-31-01" must be reported,
not crash the constructor.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from listings.models.publiccode_fields import HUB_FACTS, HUB_FACTS_PREFIX

MAX_BYTES = 1024 * 1024
# Nodes visited while building the data, counting each alias expansion in full.
# A large real publiccode.yml has a few hundred nodes.
MAX_NODES = 50_000
# Characters of scalars (keys and values) built, counting each alias expansion in full.
# Without aliases this is at most the file's size, so real files stay far below it.
MAX_EXPANDED_CHARS = 4 * MAX_BYTES
MAX_DEPTH = 50

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    severity: str  # ERROR or WARNING
    key: str  # key path such as "description.en.shortDescription"; "" for the whole file
    line: int | None  # 1-based; None when no line applies (e.g. file too large)
    message: str
    column: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "key": self.key,
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line else "file"
        if self.column and self.line:
            where += f", column {self.column}"
        key = f"{self.key}: " if self.key else ""
        return f"{self.severity}: {key}{self.message} ({where})"


@dataclass
class ParseResult:
    data: dict[str, Any] | None = None
    problems: list[Problem] = field(default_factory=list)
    version: str | None = None  # publiccodeYmlVersion as written, e.g. "0.2" or "0.5.0"
    lines: dict[str, int] = field(default_factory=dict)  # key path -> line of the key
    #: The hub's listing facts from the file's ``# council-solutions-hub: {...}`` comment.
    hub_facts: dict[str, Any] | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    @property
    def has_errors(self) -> bool:
        return any(p.severity == ERROR for p in self.problems)

    @property
    def status(self) -> str:
        """ "ok", "warnings" or "errors" (errors block an import, warnings do not)."""
        if self.has_errors:
            return "errors"
        return "warnings" if self.problems else "ok"

    def line_of(self, path: str) -> int | None:
        """Line of ``path``, or of its nearest ancestor present in the file."""
        while path:
            if path in self.lines:
                return self.lines[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return self.lines.get("", 1 if self.data is not None else None)

    def add(self, severity: str, key: str, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(severity, key, line or self.line_of(key), message))


class UnsafeYAML(Exception):
    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


class _TagGuard:
    """Composer hook: refuses explicit tags before a node is built; counts aliases."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, (ScalarEvent, CollectionStartEvent)) and event.tag is not None:
            # The non-specific tag "!" on a quoted scalar reports as tag "!" too.
            mark = event.start_mark
            raise UnsafeYAML(
                f"YAML tags are not allowed (found {event.tag!r})", mark.line + 1, mark.column + 1
            )
        if isinstance(event, AliasEvent):
            self.alias_count = getattr(self, "alias_count", 0) + 1
        return super().compose_node(parent, index)


class _PyLoader(_TagGuard, yaml.SafeLoader):
    pass


if yaml.__with_libyaml__:  # libyaml scans and parses; Python composes (with the guard)
    from yaml.cyaml import CParser

    class _CLoader(_TagGuard, Composer, CParser, SafeConstructor, Resolver):
        def __init__(self, stream):
            CParser.__init__(self, stream)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            Composer.__init__(self)

    _ComposingLoader = _CLoader
else:  # pragma: no cover
    _ComposingLoader = _PyLoader


def _tab_at(text: str, line: int, column: int) -> bool:
    """Is there a tab at, or in the indentation before, this 0-based position?"""
    lines = text.split("\n")
    if line >= len(lines):
        return False
    row = lines[line]
    indent = row[: len(row) - len(row.lstrip(" \t"))]
    return "\t" in indent or row[column : column + 1] == "\t"


def _line_of_offset(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1


def _decode(raw: bytes) -> str:
    if len(raw) > MAX_BYTES:
        raise UnsafeYAML(f"file is over the 1 MiB limit ({MAX_BYTES:,} bytes)")
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise UnsafeYAML(
            f"binary content: NUL byte at byte offset {nul}; a publiccode.yml is UTF-8 text",
            _line_of_offset(raw, nul),
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = _line_of_offset(raw, exc.start)
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise UnsafeYAML(
            f"not valid UTF-8: byte 0x{raw[exc.start]:02x} at byte offset {exc.start}",
            line,
            column,
        ) from None


class _Builder:
    """Turns the node graph into plain Python data, recording each key's line."""

    def __init__(self, loader: yaml.SafeLoader, result: ParseResult):
        self.loader = loader
        self.result = result
        self.visited = 0
        self.chars = 0

    def count_chars(self, node: ScalarNode) -> None:
        self.chars += len(node.value)
        if self.chars > MAX_EXPANDED_CHARS:
            raise UnsafeYAML(
                f"aliases expand to more than {MAX_EXPANDED_CHARS:,} characters"
                " (alias expansion bomb?)",
                node.start_mark.line + 1,
            )

    def build(self, node: Node, path: str, depth: int) -> Any:
        self.visited += 1
        if self.visited > MAX_NODES:
            raise UnsafeYAML(
                f"document expands to more than {MAX_NODES:,} nodes (alias expansion bomb?)",
                node.start_mark.line + 1,
            )
        if depth > MAX_DEPTH:
            raise UnsafeYAML(
                f"nesting deeper than {MAX_DEPTH} levels (recursive alias?)",
                node.start_mark.line + 1,
            )
        if isinstance(node, ScalarNode):
            self.count_chars(node)
            return self.scalar(node, path)
        if isinstance(node, SequenceNode):
            items = []
            for i, child in enumerate(node.value):
                child_path = f"{path}[{i}]"
                self.result.lines.setdefault(child_path, child.start_mark.line + 1)
                items.append(self.build(child, child_path, depth + 1))
            return items
        if isinstance(node, MappingNode):
            return self.mapping(node, path, depth)
        raise UnsafeYAML("unexpected YAML node", node.start_mark.line + 1)  # pragma: no cover

    def mapping(self, node: MappingNode, path: str, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        merged: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode):
                self.result.add(ERROR, path, "a mapping key must be a plain value", line)
                continue
            if key_node.tag == "tag:yaml.org,2002:merge":  # "<<: *base" (built under budget)
                sources = self.build(value_node, path, depth + 1)
                for source in sources if isinstance(sources, list) else [sources]:
                    if isinstance(source, dict):
                        for k, v in source.items():
                            merged.setdefault(k, v)
                            self.result.lines.setdefault(f"{path}.{k}" if path else k, line)
                    else:
                        self.result.add(ERROR, path, "'<<' must merge mappings", line)
                continue
            self.count_chars(key_node)
            key = str(self.scalar(key_node, path))
            child_path = f"{path}.{key}" if path else key
            if key in out:
                self.result.add(ERROR, child_path, "key defined more than once", line)
                continue
            self.result.lines[child_path] = line
            out[key] = self.build(value_node, child_path, depth + 1)
        for k, v in merged.items():
            out.setdefault(k, v)
        return out

    def scalar(self, node: ScalarNode, path: str) -> Any:
        tag = node.tag
        if tag == "tag:yaml.org,2002:timestamp":
            return node.value
        constructor = self.loader.yaml_constructors.get(tag)
        if constructor is None or tag in (
            "tag:yaml.org,2002:binary",
            "tag:yaml.org,2002:set",
            "tag:yaml.org,2002:omap",
            "tag:yaml.org,2002:pairs",
        ):
            return node.value
        try:
            return constructor(self.loader, node)
        except Exception:  # e.g. a value the resolver matched but cannot convert
            return node.value


def parse_publiccode(content: bytes | str) -> ParseResult:
    """Parse a publiccode.yml safely. Never raises on bad input: see ``result.problems``."""
    result = ParseResult()
    # "surrogatepass": a str holding a lone surrogate becomes bytes that are not UTF-8,
    # reported with their offset below, instead of raising UnicodeEncodeError here.
    raw = content.encode("utf-8", "surrogatepass") if isinstance(content, str) else bytes(content)
    try:
        text = _decode(raw)
        loader = _ComposingLoader(text)
        try:
            root = loader.get_single_node()
            if root is None:
                raise UnsafeYAML("the file is empty", 1)
            if not isinstance(root, MappingNode):
                raise UnsafeYAML(
                    "the top level must be a mapping of keys (e.g. 'name: ...')",
                    root.start_mark.line + 1,
                )
            result.lines[""] = root.start_mark.line + 1
            data = _Builder(loader, result).build(root, "", 0)
        finally:
            loader.dispose()
    except UnsafeYAML as exc:
        result.problems.append(Problem(ERROR, "", exc.line, exc.message, exc.column))
        return result
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
        if mark and _tab_at(text, mark.line, mark.column):
            message += " (tab character: YAML indentation must use spaces)"
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        result.problems.append(Problem(ERROR, "", line, f"invalid YAML: {message}", column))
        return result
    except yaml.YAMLError as exc:  # ReaderError: control characters etc.
        line = None
        if isinstance(exc, yaml.reader.ReaderError):
            line = text.count("\n", 0, exc.position) + 1
        message = str(exc).split("\n")[0]
        result.problems.append(Problem(ERROR, "", line, f"invalid YAML: {message}"))
        return result
    except RecursionError:
        result.problems.append(Problem(ERROR, "", None, "document nested too deeply"))
        return result

    result.data = data
    _read_hub_facts(text, result)
    version_node = next(
        (v for k, v in root.value if getattr(k, "value", None) == "publiccodeYmlVersion"),
        None,
    )
    if isinstance(version_node, ScalarNode):
        result.version = version_node.value.strip()
    return result


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


def _read_hub_facts(text: str, result: ParseResult) -> None:
    """The first facts comment line, as a JSON object; a bad one is a warning, not lost data.

    Split on "\n" only: the export escapes every other character, and a comment ends
    only at a YAML line break.
    """
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.startswith(HUB_FACTS_PREFIX):
            continue
        result.lines[HUB_FACTS] = number
        try:
            facts = json.loads(line[len(HUB_FACTS_PREFIX) :], parse_constant=_refuse_constant)
        except ValueError as exc:
            result.add(WARNING, HUB_FACTS, f"the hub's facts are not valid JSON ({exc}): ignored")
            return
        if not isinstance(facts, dict):
            result.add(WARNING, HUB_FACTS, "the hub's facts must be a JSON object: ignored")
            return
        result.hub_facts = facts
        return
