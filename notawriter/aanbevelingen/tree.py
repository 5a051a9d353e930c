"""The tree of one recommendations section: numbered items, their lettered sub-items and bullets."""

from __future__ import annotations

from dataclasses import dataclass, field

from notawriter.aanbevelingen.paragraphs import (
    _NEXT_PART,
    AANB,
    BULLET,
    COMPOUND,
    LETTER,
    NUM,
    _heading_like,
    _is_title,
    _Marker,
    _Para,
    _strip_number,
)


@dataclass
class _Node:
    marker: _Marker
    paras: list[str]
    line: int
    indent: int
    group: str | None = None
    block: int = 1  # numbering block; > 1 when numbering restarts under a new group heading
    children: list[_Node] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.marker.label

    def lead(self) -> str:
        return "\n\n".join(p for p in self.paras if p)


def _next_letter(label: str) -> str:
    return chr(ord(label) + 1) if len(label) == 1 and label < "z" else ""


@dataclass
class _Section:
    """Collects the items of one recommendations section (or, `anywhere`, of the whole text)."""

    heading: str
    line: int
    level: int | None  # markdown level of the section heading; None for a plain-text heading
    anywhere: bool = False
    tops: list[_Node] = field(default_factory=list)
    kind: str | None = None
    group: str | None = None
    block: int = 1
    closed: bool = False  # after a heading in `anywhere` mode: ignore markers until the next item
    after_heading: bool = False  # the previous paragraph was a group heading
    notes: list[str] = field(default_factory=list)

    # -- feeding --

    def feed(self, paras: list[_Para]) -> None:
        for i, p in enumerate(paras):
            if not self._take(p, paras[i + 1 : i + 6]):
                break

    def _take(self, p: _Para, ahead: list[_Para]) -> bool:
        """Handle one paragraph; False ends the section."""
        after_heading, self.after_heading = self.after_heading, False
        if p.marker is not None and not self._numbered_heading(p):
            return self._marker(p, after_heading)
        if p.heading is not None:
            return self._heading(p, ahead)
        if _heading_like(p) or p.marker is not None:
            return self._plain_heading(p, ahead)
        if self.tops and not self.closed:
            self._owner().paras.append(p.text)
        return True

    def _numbered_heading(self, p: _Para) -> bool:
        """'5. Verantwoording' between 'Aanbeveling …' items is a chapter heading, not a sub-item."""
        m = p.marker
        if m is None or m.kind != NUM or p.indent >= 2 or not _is_title(p.text):
            return False
        return self.anywhere or (self.kind not in (None, NUM) and not self._accepts(p))

    def _heading(self, p: _Para, ahead: list[_Para]) -> bool:
        if self.anywhere:
            self.group, self.closed = p.text, True
            return True
        if self.level is None or p.heading <= self.level or _NEXT_PART.match(p.text):  # type: ignore[operator]
            return False
        self.group, self.closed, self.after_heading = p.text, bool(self.tops), True
        self._maybe_new_block(ahead)
        return True

    def _plain_heading(self, p: _Para, ahead: list[_Para]) -> bool:
        if self.anywhere:
            self.group, self.closed = p.text, True
            return True
        if _NEXT_PART.match(_strip_number(p.text)):
            return False
        following = next((q for q in ahead if q.marker is not None or _heading_like(q)), None)
        direct = bool(ahead) and ahead[0].marker is not None
        if following is None or following.marker is None or not self._accepts(following, after_heading=direct):
            return False
        if direct:
            self.group, self.closed, self.after_heading = p.text, bool(self.tops), True
            self._maybe_new_block(ahead)
        elif self.tops:
            self._owner().paras.append(p.text)  # an inner heading such as 'Toelichting'
        return True

    def _maybe_new_block(self, ahead: list[_Para]) -> None:
        nxt = ahead[0].marker if ahead else None
        if self.tops and self.kind == NUM and nxt is not None and nxt.kind == NUM and nxt.label == "1":
            self.block += 1

    def _accepts(self, p: _Para, after_heading: bool = False) -> bool:
        """Whether marker paragraph `p` starts the next item of this list (or the first one)."""
        m = p.marker
        assert m is not None
        if self.kind is None:
            return m.kind in (AANB, NUM, COMPOUND, LETTER, BULLET) and (not self.anywhere or m.kind == AANB)
        last = self.tops[-1]
        if {m.kind, self.kind} == {NUM, AANB} and not self.anywhere:  # '3.' after 'Aanbeveling 2', or vice versa
            return m.label.isdigit() and last.label.isdigit() and int(m.label) == int(last.label) + 1
        if self.anywhere or m.kind != self.kind:
            return m.kind == AANB and self.kind == AANB
        if m.kind == NUM:
            n, prev = int(m.label), int(last.label)
            return (n == prev + 1 or (n > prev and m.style == last.marker.style) or (after_heading and n == 1)) and (
                p.indent < last.indent + 2
            )
        if m.kind == LETTER:
            return m.label > last.label and m.style == last.marker.style and p.indent < last.indent + 2
        if m.kind == BULLET:
            return m.style == last.marker.style and abs(p.indent - last.indent) < 2
        return m.kind in (AANB, COMPOUND)

    def _marker(self, p: _Para, after_heading: bool = False) -> bool:
        m = p.marker
        assert m is not None
        node = _Node(m, [p.text], p.line, p.indent, self.group, self.block)
        if self._accepts(p, after_heading):
            self._new_top(node)
            return True
        if not self.tops or self.closed:
            return not (self.kind == NUM and m.kind == NUM)  # a list restarting at 1: a new chapter
        top = self.tops[-1]
        if self.kind == NUM and m.kind == NUM and p.indent < top.indent + 2:
            return False  # '1. Inleiding' after recommendation 3: the section is over
        self._attach(top, node)
        return True

    def _new_top(self, node: _Node) -> None:
        if self.kind is None:
            self.kind = node.marker.kind
        elif self.tops and node.marker.kind == NUM and node.block == self.tops[-1].block:
            prev = int(self.tops[-1].label)
            if int(node.label) > prev + 1:
                self.notes.append(f"na {prev} volgt {node.label}: nummer(s) ertussen niet gevonden")
        self.tops.append(node)
        self.closed = False

    def _attach(self, top: _Node, node: _Node) -> None:
        kind = node.marker.kind
        cur = top.children[-1] if top.children else None
        if kind in (LETTER, COMPOUND) and top.marker.kind != LETTER:
            if cur is not None and cur.marker.kind == LETTER and kind == LETTER and _nested_letter(cur, node):
                cur.children.append(node)
                return
            if cur is not None and cur.marker.kind == LETTER and kind == LETTER:
                expected = _next_letter(cur.label)
                if node.label != expected:
                    self.notes.append(
                        f"na {top.label}{cur.label} volgt {top.label}{node.label}; controleer de letters in het rapport"
                    )
            top.children.append(node)
            return
        owner = cur if cur is not None and cur.marker.kind in (LETTER, COMPOUND) and top.marker.kind != LETTER else top
        last = owner.children[-1] if owner.children else None
        if last is not None and node.indent >= last.indent + 2:
            last.children.append(node)
        else:
            owner.children.append(node)

    def _owner(self) -> _Node:
        """The item a following plain paragraph belongs to: the last item that is not a bullet."""
        top = self.tops[-1]
        if top.marker.kind != LETTER and top.children and top.children[-1].marker.kind in (LETTER, COMPOUND):
            return top.children[-1]
        return top


def _nested_letter(cur: _Node, node: _Node) -> bool:
    """A lettered item inside a lettered item, like 'd) Thema' followed by 'a.', 'b.'."""
    if node.indent >= cur.indent + 2:
        return True
    if node.label == _next_letter(cur.label) and node.marker.style == cur.marker.style:
        return False
    return node.label <= cur.label or node.marker.style != cur.marker.style
