"""What attrs makes of gipparse's classes, for the attrs and the Python named in
:mod:`gipparse.classes.made`. Written by :mod:`gipparse.classes.gen`; do not edit.
"""

# ruff: noqa
# mypy: ignore-errors
# fmt: off


def _methods_templates_schema__Column(_type_hash):
    def __repr__(self):
      try:
        already_repring = _compat.repr_context.already_repring
      except AttributeError:
        already_repring = {id(self),}
        _compat.repr_context.already_repring = already_repring
      else:
        if id(self) in already_repring:
          return '...'
        else:
          already_repring.add(id(self))
      try:
        return f'{self.__class__.__qualname__.rsplit(">.", 1)[-1]}(key={self.key!r}, label={self.label!r}, kind={self.kind!r}, aliases={self.aliases!r})'
      finally:
        already_repring.remove(id(self))
    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return  (
            self.key == other.key and
            self.label == other.label and
            self.kind == other.kind and
            self.aliases == other.aliases
        )
    def __hash__(self):
            return hash((
                    _type_hash,
                    self.key,
                    self.label,
                    self.kind,
                    self.aliases,
                ))
    def __init__(self, key, label, kind=attr_dict['kind'].default, aliases=attr_dict['aliases'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('key', key)
        _setattr('label', label)
        _setattr('kind', kind)
        _setattr('aliases', aliases)
    return {'__repr__': __repr__, '__eq__': __eq__, '__hash__': __hash__, '__init__': __init__}


def _methods_templates_schema__RowSpec(_type_hash):
    def __repr__(self):
      try:
        already_repring = _compat.repr_context.already_repring
      except AttributeError:
        already_repring = {id(self),}
        _compat.repr_context.already_repring = already_repring
      else:
        if id(self) in already_repring:
          return '...'
        else:
          already_repring.add(id(self))
      try:
        return f'{self.__class__.__qualname__.rsplit(">.", 1)[-1]}(key={self.key!r}, label={self.label!r}, columns={self.columns!r}, groups={self.groups!r}, aliases={self.aliases!r}, derived_from={self.derived_from!r}, misprints={self.misprints!r})'
      finally:
        already_repring.remove(id(self))
    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return  (
            self.key == other.key and
            self.label == other.label and
            self.columns == other.columns and
            self.groups == other.groups and
            self.aliases == other.aliases and
            self.derived_from == other.derived_from and
            self.misprints == other.misprints
        )
    def __hash__(self):
            return hash((
                    _type_hash,
                    self.key,
                    self.label,
                    self.columns,
                    self.groups,
                    self.aliases,
                    self.derived_from,
                    self.misprints,
                ))
    def __init__(self, key, label, columns, groups=attr_dict['groups'].default, aliases=attr_dict['aliases'].default, derived_from=attr_dict['derived_from'].default, misprints=attr_dict['misprints'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('key', key)
        _setattr('label', label)
        _setattr('columns', columns)
        _setattr('groups', groups)
        _setattr('aliases', aliases)
        _setattr('derived_from', derived_from)
        _setattr('misprints', misprints)
    return {'__repr__': __repr__, '__eq__': __eq__, '__hash__': __hash__, '__init__': __init__}


def _methods_templates_schema__TableSpec(_type_hash):
    def __repr__(self):
      try:
        already_repring = _compat.repr_context.already_repring
      except AttributeError:
        already_repring = {id(self),}
        _compat.repr_context.already_repring = already_repring
      else:
        if id(self) in already_repring:
          return '...'
        else:
          already_repring.add(id(self))
      try:
        return f'{self.__class__.__qualname__.rsplit(">.", 1)[-1]}(name={self.name!r}, title={self.title!r}, section={self.section!r}, signature={self.signature!r}, rows={self.rows!r}, header={self.header!r}, header_labels={self.header_labels!r}, row_header={self.row_header!r}, labelled={self.labelled!r})'
      finally:
        already_repring.remove(id(self))
    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return  (
            self.name == other.name and
            self.title == other.title and
            self.section == other.section and
            self.signature == other.signature and
            self.rows == other.rows and
            self.header == other.header and
            self.header_labels == other.header_labels and
            self.row_header == other.row_header and
            self.labelled == other.labelled
        )
    def __hash__(self):
            return hash((
                    _type_hash,
                    self.name,
                    self.title,
                    self.section,
                    self.signature,
                    self.rows,
                    self.header,
                    self.header_labels,
                    self.row_header,
                    self.labelled,
                ))
    def __init__(self, name, title, section, signature, rows, header=attr_dict['header'].default, header_labels=attr_dict['header_labels'].default, row_header=attr_dict['row_header'].default, labelled=attr_dict['labelled'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('name', name)
        _setattr('title', title)
        _setattr('section', section)
        _setattr('signature', signature)
        _setattr('rows', rows)
        _setattr('header', header)
        _setattr('header_labels', header_labels)
        _setattr('row_header', row_header)
        _setattr('labelled', labelled)
    return {'__repr__': __repr__, '__eq__': __eq__, '__hash__': __hash__, '__init__': __init__}


def _methods_templates_schema__Relation(_type_hash):
    def __repr__(self):
      try:
        already_repring = _compat.repr_context.already_repring
      except AttributeError:
        already_repring = {id(self),}
        _compat.repr_context.already_repring = already_repring
      else:
        if id(self) in already_repring:
          return '...'
        else:
          already_repring.add(id(self))
      try:
        return f'{self.__class__.__qualname__.rsplit(">.", 1)[-1]}(name={self.name!r}, description={self.description!r}, left={self.left!r}, right={self.right!r}, over={self.over!r}, axis={self.axis!r}, anchor={self.anchor!r}, labels={self.labels!r})'
      finally:
        already_repring.remove(id(self))
    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return  (
            self.name == other.name and
            self.description == other.description and
            self.left == other.left and
            self.right == other.right and
            self.over == other.over and
            self.axis == other.axis and
            self.anchor == other.anchor and
            self.labels == other.labels
        )
    def __hash__(self):
            return hash((
                    _type_hash,
                    self.name,
                    self.description,
                    self.left,
                    self.right,
                    self.over,
                    self.axis,
                    self.anchor,
                    self.labels,
                ))
    def __init__(self, name, description, left, right, over, axis, anchor, labels=attr_dict['labels'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('name', name)
        _setattr('description', description)
        _setattr('left', left)
        _setattr('right', right)
        _setattr('over', over)
        _setattr('axis', axis)
        _setattr('anchor', anchor)
        _setattr('labels', labels)
    return {'__repr__': __repr__, '__eq__': __eq__, '__hash__': __hash__, '__init__': __init__}


def _methods_templates_schema__Schema(_type_hash):
    def __repr__(self):
      try:
        already_repring = _compat.repr_context.already_repring
      except AttributeError:
        already_repring = {id(self),}
        _compat.repr_context.already_repring = already_repring
      else:
        if id(self) in already_repring:
          return '...'
        else:
          already_repring.add(id(self))
      try:
        return f'{self.__class__.__qualname__.rsplit(">.", 1)[-1]}(id={self.id!r}, title={self.title!r}, first_year={self.first_year!r}, last_year={self.last_year!r}, tables={self.tables!r}, relations={self.relations!r}, markers={self.markers!r})'
      finally:
        already_repring.remove(id(self))
    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return  (
            self.id == other.id and
            self.title == other.title and
            self.first_year == other.first_year and
            self.last_year == other.last_year and
            self.tables == other.tables and
            self.relations == other.relations and
            self.markers == other.markers
        )
    def __hash__(self):
            return hash((
                    _type_hash,
                    self.id,
                    self.title,
                    self.first_year,
                    self.last_year,
                    self.tables,
                    self.relations,
                    self.markers,
                ))
    def __init__(self, id, title, first_year, last_year, tables, relations=attr_dict['relations'].default, markers=attr_dict['markers'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('id', id)
        _setattr('title', title)
        _setattr('first_year', first_year)
        _setattr('last_year', last_year)
        _setattr('tables', tables)
        _setattr('relations', relations)
        _setattr('markers', markers)
        self.__attrs_post_init__()
    return {'__repr__': __repr__, '__eq__': __eq__, '__hash__': __hash__, '__init__': __init__}


def _methods_templates_statistics__Statistics(_type_hash):
    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return  (
            self.template == other.template and
            self._items == other._items and
            self.derived == other.derived
        )
    def __hash__(self):
            return hash((
                    _type_hash,
                    self.template,
                    self._items,
                    self.derived,
                ))
    def __init__(self, template, items, derived=attr_dict['derived'].default, sources=NOTHING):
        _setattr = _cached_setattr_get(self)
        _setattr('template', template)
        _setattr('_items', items)
        _setattr('derived', derived)
        if sources is not NOTHING:
            _setattr('sources', sources)
        else:
            _setattr('sources', __attr_factory_sources())
        self.__attrs_post_init__()
    return {'__eq__': __eq__, '__hash__': __hash__, '__init__': __init__}


def _methods_templates_engine__Template(_type_hash):
    def __repr__(self):
      try:
        already_repring = _compat.repr_context.already_repring
      except AttributeError:
        already_repring = {id(self),}
        _compat.repr_context.already_repring = already_repring
      else:
        if id(self) in already_repring:
          return '...'
        else:
          already_repring.add(id(self))
      try:
        return f'{self.__class__.__qualname__.rsplit(">.", 1)[-1]}(id={self.id!r}, title={self.title!r}, first_year={self.first_year!r}, last_year={self.last_year!r}, tables={self.tables!r}, relations={self.relations!r}, markers={self.markers!r})'
      finally:
        already_repring.remove(id(self))
    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return  (
            self.id == other.id and
            self.title == other.title and
            self.first_year == other.first_year and
            self.last_year == other.last_year and
            self.tables == other.tables and
            self.relations == other.relations and
            self.markers == other.markers
        )
    def __hash__(self):
            return hash((
                    _type_hash,
                    self.id,
                    self.title,
                    self.first_year,
                    self.last_year,
                    self.tables,
                    self.relations,
                    self.markers,
                ))
    def __init__(self, id, title, first_year, last_year, tables, relations=attr_dict['relations'].default, markers=attr_dict['markers'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('id', id)
        _setattr('title', title)
        _setattr('first_year', first_year)
        _setattr('last_year', last_year)
        _setattr('tables', tables)
        _setattr('relations', relations)
        _setattr('markers', markers)
        self.__attrs_post_init__()
    return {'__repr__': __repr__, '__eq__': __eq__, '__hash__': __hash__, '__init__': __init__}


#: class -> (signature, fields, class properties, namespace, snippets, methods,
#: getattr, slots); see gipparse.classes._build.
CLASSES = {
    '.templates.schema:Column': (
        ('Column', (), (('builtins:object', None),), ('__module__', '__annotations__', '__doc__', 'kind', 'aliases'), (('key', 'str'), ('label', 'str'), ('kind', 'ValueKind'), ('aliases', 'tuple[str, ...]')), (), ()),
        (('key', None, True, True, None, True, None, None, True, {}, 'str', None, False, False, None, 'key', True), ('label', None, True, True, None, True, None, None, True, {}, 'str', None, False, False, None, 'label', True), ('kind', None, True, True, None, True, None, None, True, {}, 'ValueKind', None, False, False, None, 'kind', True), ('aliases', None, True, True, None, True, None, None, True, {}, 'tuple[str, ...]', None, False, False, None, 'aliases', True)),
        (False, True, True, True, ('KeywordOnly', 'NO'), True, True, True, True, False, ('Hashability', 'HASHABLE'), True, False, True, None, None),
        (('__attrs_attrs__', 'fields', None), ('__attrs_props__', 'props', None), ('__setattr__', 'attrs', '_frozen_setattrs'), ('__delattr__', 'attrs', '_frozen_delattrs'), ('__getstate__', 'pickling', None), ('__ne__', 'attrs', '__ne__'), ('__match_args__', 'value', ('key', 'label', 'kind', 'aliases')), ('__repr__', 'method', None), ('__eq__', 'method', None), ('__hash__', 'method', None), ('__init__', 'method', {'return': None, 'key': 'str', 'label': 'str', 'kind': 'ValueKind', 'aliases': 'tuple[str, ...]'})),
        ('repr', 'eq', 'hash', 'init'),
        _methods_templates_schema__Column,
        None,
        ('key', 'label', 'kind', 'aliases', '__weakref__'),
    ),
    '.templates.schema:RowSpec': (
        ('RowSpec', (), (('builtins:object', None),), ('__module__', '__annotations__', '__doc__', 'groups', 'aliases', 'derived_from', 'misprints'), (('key', 'str'), ('label', 'str'), ('columns', 'tuple[Column, ...]'), ('groups', 'tuple[str, ...]'), ('aliases', 'tuple[str, ...]'), ('derived_from', 'tuple[str, ...]'), ('misprints', 'tuple[str, ...]')), (), ()),
        (('key', None, True, True, None, True, None, None, True, {}, 'str', None, False, False, None, 'key', True), ('label', None, True, True, None, True, None, None, True, {}, 'str', None, False, False, None, 'label', True), ('columns', None, True, True, None, True, None, None, True, {}, 'tuple[Column, ...]', None, False, False, None, 'columns', True), ('groups', None, True, True, None, True, None, None, True, {}, 'tuple[str, ...]', None, False, False, None, 'groups', True), ('aliases', None, True, True, None, True, None, None, True, {}, 'tuple[str, ...]', None, False, False, None, 'aliases', True), ('derived_from', None, True, True, None, True, None, None, True, {}, 'tuple[str, ...]', None, False, False, None, 'derived_from', True), ('misprints', None, True, True, None, True, None, None, True, {}, 'tuple[str, ...]', None, False, False, None, 'misprints', True)),
        (False, True, True, True, ('KeywordOnly', 'NO'), True, True, True, True, False, ('Hashability', 'HASHABLE'), True, False, True, None, None),
        (('__attrs_attrs__', 'fields', None), ('__attrs_props__', 'props', None), ('__setattr__', 'attrs', '_frozen_setattrs'), ('__delattr__', 'attrs', '_frozen_delattrs'), ('__getstate__', 'pickling', None), ('__ne__', 'attrs', '__ne__'), ('__match_args__', 'value', ('key', 'label', 'columns', 'groups', 'aliases', 'derived_from', 'misprints')), ('__repr__', 'method', None), ('__eq__', 'method', None), ('__hash__', 'method', None), ('__init__', 'method', {'return': None, 'key': 'str', 'label': 'str', 'columns': 'tuple[Column, ...]', 'groups': 'tuple[str, ...]', 'aliases': 'tuple[str, ...]', 'derived_from': 'tuple[str, ...]', 'misprints': 'tuple[str, ...]'})),
        ('repr', 'eq', 'hash', 'init'),
        _methods_templates_schema__RowSpec,
        None,
        ('key', 'label', 'columns', 'groups', 'aliases', 'derived_from', 'misprints', '__weakref__'),
    ),
    '.templates.schema:TableSpec': (
        ('TableSpec', (), (('builtins:object', None),), ('__module__', '__annotations__', '__doc__', 'header', 'header_labels', 'row_header', 'labelled', 'key', 'statistic_keys'), (('name', 'str'), ('title', 'str'), ('section', 'str'), ('signature', 'tuple[str, ...]'), ('rows', 'tuple[RowSpec, ...]'), ('header', 'tuple[tuple[str, ...], ...]'), ('header_labels', 'tuple[str, ...]'), ('row_header', 'str'), ('labelled', 'bool')), (), ()),
        (('name', None, True, True, None, True, None, None, True, {}, 'str', None, False, False, None, 'name', True), ('title', None, True, True, None, True, None, None, True, {}, 'str', None, False, False, None, 'title', True), ('section', None, True, True, None, True, None, None, True, {}, 'str', None, False, False, None, 'section', True), ('signature', None, True, True, None, True, None, None, True, {}, 'tuple[str, ...]', None, False, False, None, 'signature', True), ('rows', None, True, True, None, True, None, None, True, {}, 'tuple[RowSpec, ...]', None, False, False, None, 'rows', True), ('header', None, True, True, None, True, None, None, True, {}, 'tuple[tuple[str, ...], ...]', None, False, False, None, 'header', True), ('header_labels', None, True, True, None, True, None, None, True, {}, 'tuple[str, ...]', None, False, False, None, 'header_labels', True), ('row_header', None, True, True, None, True, None, None, True, {}, 'str', None, False, False, None, 'row_header', True), ('labelled', None, True, True, None, True, None, None, True, {}, 'bool', None, False, False, None, 'labelled', True)),
        (False, True, True, True, ('KeywordOnly', 'NO'), True, True, True, True, False, ('Hashability', 'HASHABLE'), True, False, True, None, None),
        (('__attrs_attrs__', 'fields', None), ('__attrs_props__', 'props', None), ('__setattr__', 'attrs', '_frozen_setattrs'), ('__delattr__', 'attrs', '_frozen_delattrs'), ('__getstate__', 'pickling', None), ('__ne__', 'attrs', '__ne__'), ('__match_args__', 'value', ('name', 'title', 'section', 'signature', 'rows', 'header', 'header_labels', 'row_header', 'labelled')), ('__repr__', 'method', None), ('__eq__', 'method', None), ('__hash__', 'method', None), ('__init__', 'method', {'return': None, 'name': 'str', 'title': 'str', 'section': 'str', 'signature': 'tuple[str, ...]', 'rows': 'tuple[RowSpec, ...]', 'header': 'tuple[tuple[str, ...], ...]', 'header_labels': 'tuple[str, ...]', 'row_header': 'str', 'labelled': 'bool'})),
        ('repr', 'eq', 'hash', 'init'),
        _methods_templates_schema__TableSpec,
        None,
        ('name', 'title', 'section', 'signature', 'rows', 'header', 'header_labels', 'row_header', 'labelled', '__weakref__'),
    ),
    '.templates.schema:Relation': (
        ('Relation', (), (('builtins:object', None),), ('__module__', '__annotations__', '__doc__', 'labels', 'instances'), (('name', 'str'), ('description', 'str'), ('left', 'tuple[str, ...]'), ('right', 'tuple[str, ...]'), ('over', 'tuple[str, ...]'), ('axis', 'str'), ('anchor', 'str'), ('labels', 'tuple[str, ...]')), (), ()),
        (('name', None, True, True, None, True, None, None, True, {}, 'str', None, False, False, None, 'name', True), ('description', None, True, True, None, True, None, None, True, {}, 'str', None, False, False, None, 'description', True), ('left', None, True, True, None, True, None, None, True, {}, 'tuple[str, ...]', None, False, False, None, 'left', True), ('right', None, True, True, None, True, None, None, True, {}, 'tuple[str, ...]', None, False, False, None, 'right', True), ('over', None, True, True, None, True, None, None, True, {}, 'tuple[str, ...]', None, False, False, None, 'over', True), ('axis', None, True, True, None, True, None, None, True, {}, 'str', None, False, False, None, 'axis', True), ('anchor', None, True, True, None, True, None, None, True, {}, 'str', None, False, False, None, 'anchor', True), ('labels', None, True, True, None, True, None, None, True, {}, 'tuple[str, ...]', None, False, False, None, 'labels', True)),
        (False, True, True, True, ('KeywordOnly', 'NO'), True, True, True, True, False, ('Hashability', 'HASHABLE'), True, False, True, None, None),
        (('__attrs_attrs__', 'fields', None), ('__attrs_props__', 'props', None), ('__setattr__', 'attrs', '_frozen_setattrs'), ('__delattr__', 'attrs', '_frozen_delattrs'), ('__getstate__', 'pickling', None), ('__ne__', 'attrs', '__ne__'), ('__match_args__', 'value', ('name', 'description', 'left', 'right', 'over', 'axis', 'anchor', 'labels')), ('__repr__', 'method', None), ('__eq__', 'method', None), ('__hash__', 'method', None), ('__init__', 'method', {'return': None, 'name': 'str', 'description': 'str', 'left': 'tuple[str, ...]', 'right': 'tuple[str, ...]', 'over': 'tuple[str, ...]', 'axis': 'str', 'anchor': 'str', 'labels': 'tuple[str, ...]'})),
        ('repr', 'eq', 'hash', 'init'),
        _methods_templates_schema__Relation,
        None,
        ('name', 'description', 'left', 'right', 'over', 'axis', 'anchor', 'labels', '__weakref__'),
    ),
    '.templates.schema:Schema': (
        ('Schema', (), (('builtins:object', None),), ('__module__', '__annotations__', '__doc__', 'relations', 'markers', 'keys', 'key_set', 'derived', '_labels', '_kinds', '__attrs_post_init__', '_derive', 'kind', 'label', 'matches_year', 'complete'), (('id', 'str'), ('title', 'str'), ('first_year', 'int'), ('last_year', 'int | None'), ('tables', 'tuple[TableSpec, ...]'), ('relations', 'tuple[Relation, ...]'), ('markers', 'tuple[str, ...]'), ('keys', 'tuple[str, ...]'), ('key_set', 'frozenset[str]'), ('derived', 'Mapping[str, tuple[str, ...]]'), ('_labels', 'dict[str, str]'), ('_kinds', 'dict[str, ValueKind]')), (), (('keys', None, None, None, False, None, None, False, None, None, False, None, False, None, {}, True, False, False), ('key_set', None, None, None, False, None, None, False, None, None, False, None, False, None, {}, True, False, False), ('derived', None, None, None, False, None, None, False, None, None, False, None, False, None, {}, True, False, False), ('_labels', None, None, None, False, None, None, False, None, None, False, None, False, None, {}, True, False, False), ('_kinds', None, None, None, False, None, None, False, None, None, False, None, False, None, {}, True, False, False))),
        (('id', None, True, True, None, True, None, None, True, {}, 'str', None, False, False, None, 'id', True), ('title', None, True, True, None, True, None, None, True, {}, 'str', None, False, False, None, 'title', True), ('first_year', None, True, True, None, True, None, None, True, {}, 'int', None, False, False, None, 'first_year', True), ('last_year', None, True, True, None, True, None, None, True, {}, 'int | None', None, False, False, None, 'last_year', True), ('tables', None, True, True, None, True, None, None, True, {}, 'tuple[TableSpec, ...]', None, False, False, None, 'tables', True), ('relations', None, True, True, None, True, None, None, True, {}, 'tuple[Relation, ...]', None, False, False, None, 'relations', True), ('markers', None, True, True, None, True, None, None, True, {}, 'tuple[str, ...]', None, False, False, None, 'markers', True), ('keys', None, False, False, None, False, None, None, False, {}, 'tuple[str, ...]', None, False, False, None, 'keys', True), ('key_set', None, False, False, None, False, None, None, False, {}, 'frozenset[str]', None, False, False, None, 'key_set', True), ('derived', None, False, False, None, False, None, None, False, {}, 'Mapping[str, tuple[str, ...]]', None, False, False, None, 'derived', True), ('_labels', None, False, False, None, False, None, None, False, {}, 'dict[str, str]', None, False, False, None, 'labels', True), ('_kinds', None, False, False, None, False, None, None, False, {}, 'dict[str, ValueKind]', None, False, False, None, 'kinds', True)),
        (False, True, True, True, ('KeywordOnly', 'NO'), True, True, True, True, False, ('Hashability', 'HASHABLE'), True, False, True, None, None),
        (('__attrs_attrs__', 'fields', None), ('__attrs_props__', 'props', None), ('__setattr__', 'attrs', '_frozen_setattrs'), ('__delattr__', 'attrs', '_frozen_delattrs'), ('__getstate__', 'pickling', None), ('__ne__', 'attrs', '__ne__'), ('__match_args__', 'value', ('id', 'title', 'first_year', 'last_year', 'tables', 'relations', 'markers')), ('__repr__', 'method', None), ('__eq__', 'method', None), ('__hash__', 'method', None), ('__init__', 'method', {'return': None, 'id': 'str', 'title': 'str', 'first_year': 'int', 'last_year': 'int | None', 'tables': 'tuple[TableSpec, ...]', 'relations': 'tuple[Relation, ...]', 'markers': 'tuple[str, ...]'})),
        ('repr', 'eq', 'hash', 'init'),
        _methods_templates_schema__Schema,
        None,
        ('id', 'title', 'first_year', 'last_year', 'tables', 'relations', 'markers', 'keys', 'key_set', 'derived', '_labels', '_kinds', '__weakref__'),
    ),
    '.templates.statistics:Statistics': (
        ('Statistics', (('repr', False),), (('builtins:object', None),), ('__module__', '__annotations__', '__doc__', '_items', 'derived', 'sources', '_index', '__attrs_post_init__', 'from_flat', '_from_dict', '__getattr__', 'to_flat', 'keys', '__getitem__', 'get', '__contains__', '__iter__', '__len__', 'unknown', '__repr__', 'active', 'applications', 'appeals'), (('template', 'str'), ('_items', 'tuple[tuple[str, Value], ...]'), ('derived', 'frozenset[str]'), ('sources', 'Mapping[str, Cell]'), ('_index', 'dict[str, Value]')), (), (('_items', None, 'items', None, True, None, None, True, None, None, True, None, True, None, {}, True, False, False), ('sources', None, None, None, False, None, False, True, None, None, False, None, False, None, {}, False, False, True), ('_index', None, None, None, False, None, False, False, None, None, False, None, False, None, {}, True, False, False))),
        (('template', None, True, True, None, True, None, None, True, {}, 'str', None, False, False, None, 'template', True), ('_items', None, True, True, None, True, None, None, True, {}, 'tuple[tuple[str, Value], ...]', None, False, False, None, 'items', False), ('derived', None, True, True, None, True, None, None, True, {}, 'frozenset[str]', None, False, False, None, 'derived', True), ('sources', None, False, False, None, False, None, False, True, {}, 'Mapping[str, Cell]', None, False, False, None, 'sources', True), ('_index', None, False, False, None, False, None, False, False, {}, 'dict[str, Value]', None, False, False, None, 'index', True)),
        (False, True, True, True, ('KeywordOnly', 'NO'), True, True, False, True, False, ('Hashability', 'HASHABLE'), True, False, True, None, None),
        (('__attrs_attrs__', 'fields', None), ('__attrs_props__', 'props', None), ('__setattr__', 'attrs', '_frozen_setattrs'), ('__delattr__', 'attrs', '_frozen_delattrs'), ('__getstate__', 'pickling', None), ('__ne__', 'attrs', '__ne__'), ('__match_args__', 'value', ('template', '_items', 'derived', 'sources')), ('__eq__', 'method', None), ('__hash__', 'method', None), ('__init__', 'method', {'return': None, 'template': 'str', 'items': 'tuple[tuple[str, Value], ...]', 'derived': 'frozenset[str]', 'sources': 'Mapping[str, Cell]'})),
        ('eq', 'hash', 'init'),
        _methods_templates_statistics__Statistics,
        None,
        ('template', '_items', 'derived', 'sources', '_index', '__weakref__'),
    ),
    '.templates.engine:Template': (
        ('Template', (), (('.templates.schema:Schema', (('id', None, True, True, None, True, None, None, True, 'str', None, False, False, None, 'id', True, {}, 'nothing'), ('title', None, True, True, None, True, None, None, True, 'str', None, False, False, None, 'title', True, {}, 'nothing'), ('first_year', None, True, True, None, True, None, None, True, 'int', None, False, False, None, 'first_year', True, {}, 'nothing'), ('last_year', None, True, True, None, True, None, None, True, 'int | None', None, False, False, None, 'last_year', True, {}, 'nothing'), ('tables', None, True, True, None, True, None, None, True, 'tuple[TableSpec, ...]', None, False, False, None, 'tables', True, {}, 'nothing'), ('relations', None, True, True, None, True, None, None, True, 'tuple[Relation, ...]', None, False, False, None, 'relations', True, {}, 'value'), ('markers', None, True, True, None, True, None, None, True, 'tuple[str, ...]', None, False, False, None, 'markers', True, {}, 'value'), ('keys', None, False, False, None, False, None, None, False, 'tuple[str, ...]', None, False, False, None, 'keys', True, {}, 'nothing'), ('key_set', None, False, False, None, False, None, None, False, 'frozenset[str]', None, False, False, None, 'key_set', True, {}, 'nothing'), ('derived', None, False, False, None, False, None, None, False, 'Mapping[str, tuple[str, ...]]', None, False, False, None, 'derived', True, {}, 'nothing'), ('_labels', None, False, False, None, False, None, None, False, 'dict[str, str]', None, False, False, None, 'labels', True, {}, 'nothing'), ('_kinds', None, False, False, None, False, None, None, False, 'dict[str, ValueKind]', None, False, False, None, 'kinds', True, {}, 'nothing'))),), ('__module__', '__annotations__', '__doc__', '_built', '_marker_keys', '_signatures', '_schema', 'of', '__attrs_post_init__', '_deferred', '__getattr__', '_complete', '_matchers', 'score', 'markers_found', 'locate', '_signature', '_fits', 'read', 'plan'), (('_built', 'list[tuple[_Matcher, ...]]'), ('_marker_keys', 'tuple[str, ...]'), ('_signatures', 'dict[str, int]'), ('_schema', 'Callable[[], Schema] | None')), (), (('_built', None, None, None, False, None, None, False, None, None, False, None, False, None, {}, True, False, False), ('_marker_keys', None, None, None, False, None, None, False, None, None, False, None, False, None, {}, True, False, False), ('_signatures', None, None, None, False, None, None, False, None, None, False, None, False, None, {}, True, False, False), ('_schema', None, None, None, False, None, None, False, None, None, False, None, False, None, {}, True, False, False))),
        (('_built', None, False, False, None, False, None, None, False, {}, 'list[tuple[_Matcher, ...]]', None, False, False, None, 'built', True), ('_marker_keys', None, False, False, None, False, None, None, False, {}, 'tuple[str, ...]', None, False, False, None, 'marker_keys', True), ('_signatures', None, False, False, None, False, None, None, False, {}, 'dict[str, int]', None, False, False, None, 'signatures', True), ('_schema', None, False, False, None, False, None, None, False, {}, 'Callable[[], Schema] | None', None, False, False, None, 'schema', True)),
        (False, True, True, True, ('KeywordOnly', 'NO'), True, True, True, True, False, ('Hashability', 'HASHABLE'), True, False, True, ('setters', 'NO_OP'), None),
        (('__attrs_attrs__', 'fields', None), ('__attrs_props__', 'props', None), ('__setattr__', 'attrs', '_frozen_setattrs'), ('__delattr__', 'attrs', '_frozen_delattrs'), ('__getstate__', 'pickling', None), ('__ne__', 'attrs', '__ne__'), ('__match_args__', 'value', ('id', 'title', 'first_year', 'last_year', 'tables', 'relations', 'markers')), ('__repr__', 'method', None), ('__eq__', 'method', None), ('__hash__', 'method', None), ('__init__', 'method', {'return': None, 'id': 'str', 'title': 'str', 'first_year': 'int', 'last_year': 'int | None', 'tables': 'tuple[TableSpec, ...]', 'relations': 'tuple[Relation, ...]', 'markers': 'tuple[str, ...]'})),
        ('repr', 'eq', 'hash', 'init'),
        _methods_templates_engine__Template,
        None,
        ('_built', '_marker_keys', '_signatures', '_schema'),
    ),
}
