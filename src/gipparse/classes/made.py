"""What attrs makes of gipparse's classes, for the attrs and the Python named in
:mod:`gipparse.classes.made`. Written by :mod:`gipparse.classes.gen`; do not edit.
"""

# ruff: noqa
# mypy: ignore-errors
# fmt: off
VERSION = (3, 11)
#: The digest of the attrs making the classes so (gipparse.classes.fingerprint).
ATTRS = (21348, 1200966308327379743, 11201, 31061848741106932)
#: Modules whose classes are described in a module of their own.
ELSEWHERE = {'.templates.engine': 'made_templates', '.templates.schema': 'made_templates', '.templates.statistics': 'made_templates', '.templates.views': 'made_views'}


def _methods_tree_nodes__Diagnostic(_type_hash):
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
        return f'{self.__class__.__qualname__.rsplit(">.", 1)[-1]}(severity={self.severity!r}, code={self.code!r}, message={self.message!r}, span={self.span!r})'
      finally:
        already_repring.remove(id(self))
    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return  (
            self.severity == other.severity and
            self.code == other.code and
            self.message == other.message and
            self.span == other.span
        )
    def __hash__(self):
            return hash((
                    _type_hash,
                    self.severity,
                    self.code,
                    self.message,
                    self.span,
                ))
    def __init__(self, severity, code, message, span=attr_dict['span'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('severity', severity)
        _setattr('code', code)
        _setattr('message', message)
        _setattr('span', span)
    return {'__repr__': __repr__, '__eq__': __eq__, '__hash__': __hash__, '__init__': __init__}


def _methods_tree_nodes__Cell(_type_hash):
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
        return f'{self.__class__.__qualname__.rsplit(">.", 1)[-1]}(raw={self.raw!r})'
      finally:
        already_repring.remove(id(self))
    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return  (
            self.raw == other.raw
        )
    def __hash__(self):
            return hash((
                    _type_hash,
                    self.raw,
                ))
    def __init__(self, raw, span=attr_dict['span'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('raw', raw)
        _setattr('span', span)
    return {'__repr__': __repr__, '__eq__': __eq__, '__hash__': __hash__, '__init__': __init__}


def _methods_tree_nodes__Row(_type_hash):
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
        return f'{self.__class__.__qualname__.rsplit(">.", 1)[-1]}(cells={self.cells!r})'
      finally:
        already_repring.remove(id(self))
    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return  (
            self.cells == other.cells
        )
    def __hash__(self):
            return hash((
                    _type_hash,
                    self.cells,
                ))
    def __init__(self, cells, span=attr_dict['span'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('cells', cells)
        _setattr('span', span)
    return {'__repr__': __repr__, '__eq__': __eq__, '__hash__': __hash__, '__init__': __init__}


def _methods_tree_nodes__Table(_type_hash):
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
        return f'{self.__class__.__qualname__.rsplit(">.", 1)[-1]}(rows={self.rows!r}, format={self.format!r}, header_rows={self.header_rows!r})'
      finally:
        already_repring.remove(id(self))
    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return  (
            self.rows == other.rows and
            self.format == other.format and
            self.header_rows == other.header_rows
        )
    def __hash__(self):
            return hash((
                    _type_hash,
                    self.rows,
                    self.format,
                    self.header_rows,
                ))
    def __init__(self, rows, format=attr_dict['format'].default, header_rows=attr_dict['header_rows'].default, span=attr_dict['span'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('rows', rows)
        _setattr('format', format)
        _setattr('header_rows', header_rows)
        _setattr('span', span)
    return {'__repr__': __repr__, '__eq__': __eq__, '__hash__': __hash__, '__init__': __init__}


def _methods_tree_nodes__Paragraph(_type_hash):
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
        return f'{self.__class__.__qualname__.rsplit(">.", 1)[-1]}(raw={self.raw!r})'
      finally:
        already_repring.remove(id(self))
    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return  (
            self.raw == other.raw
        )
    def __hash__(self):
            return hash((
                    _type_hash,
                    self.raw,
                ))
    def __init__(self, raw, span=attr_dict['span'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('raw', raw)
        _setattr('span', span)
        _setattr('_simplifier', attr_dict['_simplifier'].default)
    return {'__repr__': __repr__, '__eq__': __eq__, '__hash__': __hash__, '__init__': __init__}


def _getattr_tree_nodes__Paragraph(_cls):
    def wrapper(_cls):
        __class__ = _cls
        def __getattr__(self, item, cached_properties=cached_properties, original_getattr=original_getattr, _cached_setattr_get=_cached_setattr_get):
             func = cached_properties.get(item)
             if func is not None:
                  result = func(self)
                  _setter = _cached_setattr_get(self)
                  _setter(item, result)
                  return result
             try:
                 return super().__getattribute__(item)
             except AttributeError:
                 if not hasattr(super(), '__getattr__'):
                     raise
                 return super().__getattr__(item)
             original_error = f"'{self.__class__.__name__}' object has no attribute '{item}'"
             raise AttributeError(original_error)
        return __getattr__
    __getattr__ = wrapper(_cls)
    return {'wrapper': wrapper, '__getattr__': __getattr__}


def _methods_tree_nodes__Heading(_type_hash):
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
        return f'{self.__class__.__qualname__.rsplit(">.", 1)[-1]}(raw={self.raw!r}, kind={self.kind!r})'
      finally:
        already_repring.remove(id(self))
    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return  (
            self.raw == other.raw and
            self.kind == other.kind
        )
    def __hash__(self):
            return hash((
                    _type_hash,
                    self.raw,
                    self.kind,
                ))
    def __init__(self, raw, kind, span=attr_dict['span'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('raw', raw)
        _setattr('kind', kind)
        _setattr('span', span)
        _setattr('_simplifier', attr_dict['_simplifier'].default)
    return {'__repr__': __repr__, '__eq__': __eq__, '__hash__': __hash__, '__init__': __init__}


def _getattr_tree_nodes__Heading(_cls):
    def wrapper(_cls):
        __class__ = _cls
        def __getattr__(self, item, cached_properties=cached_properties, original_getattr=original_getattr, _cached_setattr_get=_cached_setattr_get):
             func = cached_properties.get(item)
             if func is not None:
                  result = func(self)
                  _setter = _cached_setattr_get(self)
                  _setter(item, result)
                  return result
             try:
                 return super().__getattribute__(item)
             except AttributeError:
                 if not hasattr(super(), '__getattr__'):
                     raise
                 return super().__getattr__(item)
             original_error = f"'{self.__class__.__name__}' object has no attribute '{item}'"
             raise AttributeError(original_error)
        return __getattr__
    __getattr__ = wrapper(_cls)
    return {'wrapper': wrapper, '__getattr__': __getattr__}


def _methods_tree_nodes__Section(_type_hash):
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
        return f'{self.__class__.__qualname__.rsplit(">.", 1)[-1]}(kind={self.kind!r}, heading={self.heading!r}, blocks={self.blocks!r})'
      finally:
        already_repring.remove(id(self))
    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return  (
            self.kind == other.kind and
            self.heading == other.heading and
            self.blocks == other.blocks
        )
    def __hash__(self):
            return hash((
                    _type_hash,
                    self.kind,
                    self.heading,
                    self.blocks,
                ))
    def __init__(self, kind, heading, blocks=attr_dict['blocks'].default, span=attr_dict['span'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('kind', kind)
        _setattr('heading', heading)
        _setattr('blocks', blocks)
        _setattr('span', span)
    return {'__repr__': __repr__, '__eq__': __eq__, '__hash__': __hash__, '__init__': __init__}


def _methods_tree_nodes__Metadata(_type_hash):
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
        return f'{self.__class__.__qualname__.rsplit(">.", 1)[-1]}(agency={self.agency!r}, year={self.year!r}, template={self.template!r}, script={self.script!r}, period={self.period!r})'
      finally:
        already_repring.remove(id(self))
    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return  (
            self.agency == other.agency and
            self.year == other.year and
            self.template == other.template and
            self.script == other.script and
            self.period == other.period
        )
    def __hash__(self):
            return hash((
                    _type_hash,
                    self.agency,
                    self.year,
                    self.template,
                    self.script,
                    self.period,
                ))
    def __init__(self, agency=attr_dict['agency'].default, year=attr_dict['year'].default, template=attr_dict['template'].default, script=attr_dict['script'].default, period=attr_dict['period'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('agency', agency)
        _setattr('year', year)
        _setattr('template', template)
        _setattr('script', script)
        _setattr('period', period)
    return {'__repr__': __repr__, '__eq__': __eq__, '__hash__': __hash__, '__init__': __init__}


def _methods_tree_nodes__Report(_type_hash):
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
        return f'{self.__class__.__qualname__.rsplit(">.", 1)[-1]}(sections={self.sections!r}, metadata={self.metadata!r}, statistics={self.statistics!r}, diagnostics={self.diagnostics!r}, path={self.path!r})'
      finally:
        already_repring.remove(id(self))
    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return  (
            self.sections == other.sections and
            self.metadata == other.metadata and
            self.statistics == other.statistics and
            self.diagnostics == other.diagnostics
        )
    def __hash__(self):
            return hash((
                    _type_hash,
                    self.sections,
                    self.metadata,
                    self.statistics,
                    self.diagnostics,
                ))
    def __init__(self, sections, metadata=attr_dict['metadata'].default, statistics=attr_dict['statistics'].default, diagnostics=attr_dict['diagnostics'].default, source=attr_dict['source'].default, path=attr_dict['path'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('sections', sections)
        _setattr('metadata', metadata)
        _setattr('statistics', statistics)
        _setattr('diagnostics', diagnostics)
        _setattr('source', source)
        _setattr('path', path)
    return {'__repr__': __repr__, '__eq__': __eq__, '__hash__': __hash__, '__init__': __init__}


def _methods_tree_nodes__SourceDocument(_type_hash):
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
        return f'{self.__class__.__qualname__.rsplit(">.", 1)[-1]}(text={self.text!r}, encoding={self.encoding!r}, format={self.format!r}, blocks={self.blocks!r}, diagnostics={self.diagnostics!r})'
      finally:
        already_repring.remove(id(self))
    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return  (
            self.text == other.text and
            self.encoding == other.encoding and
            self.format == other.format and
            self.blocks == other.blocks and
            self.diagnostics == other.diagnostics
        )
    def __hash__(self):
            return hash((
                    _type_hash,
                    self.text,
                    self.encoding,
                    self.format,
                    self.blocks,
                    self.diagnostics,
                ))
    def __init__(self, text, encoding=attr_dict['encoding'].default, format=attr_dict['format'].default, blocks=attr_dict['blocks'].default, diagnostics=attr_dict['diagnostics'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('text', text)
        _setattr('encoding', encoding)
        _setattr('format', format)
        _setattr('blocks', blocks)
        _setattr('diagnostics', diagnostics)
    return {'__repr__': __repr__, '__eq__': __eq__, '__hash__': __hash__, '__init__': __init__}


def _methods_tables_formats__TableParse(_type_hash):
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
        return f'{self.__class__.__qualname__.rsplit(">.", 1)[-1]}(table={self.table!r}, end={self.end!r}, diagnostics={self.diagnostics!r})'
      finally:
        already_repring.remove(id(self))
    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return  (
            self.table == other.table and
            self.end == other.end and
            self.diagnostics == other.diagnostics
        )
    def __hash__(self):
            return hash((
                    _type_hash,
                    self.table,
                    self.end,
                    self.diagnostics,
                ))
    def __init__(self, table, end, diagnostics=attr_dict['diagnostics'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('table', table)
        _setattr('end', end)
        _setattr('diagnostics', diagnostics)
    return {'__repr__': __repr__, '__eq__': __eq__, '__hash__': __hash__, '__init__': __init__}


#: class -> (signature, fields, class properties, namespace, snippets, methods,
#: getattr, slots); see gipparse.classes._build.
CLASSES = {
    '.tree.nodes:Diagnostic': (
        ('Diagnostic', (), (('builtins:object', None),), ('__module__', '__annotations__', '__doc__', 'span', 'line', 'column', 'format'), (('severity', 'Severity'), ('code', 'str'), ('message', 'str'), ('span', 'Span | None')), (), ()),
        (('severity', None, True, True, None, True, None, None, True, {}, 'Severity', None, False, False, None, 'severity', True), ('code', None, True, True, None, True, None, None, True, {}, 'str', None, False, False, None, 'code', True), ('message', None, True, True, None, True, None, None, True, {}, 'str', None, False, False, None, 'message', True), ('span', None, True, True, None, True, None, None, True, {}, 'Span | None', None, False, False, None, 'span', True)),
        (False, True, True, True, ('KeywordOnly', 'NO'), True, True, True, True, False, ('Hashability', 'HASHABLE'), True, False, True, None, None),
        (('__attrs_attrs__', 'fields', None), ('__attrs_props__', 'props', None), ('__setattr__', 'attrs', '_frozen_setattrs'), ('__delattr__', 'attrs', '_frozen_delattrs'), ('__getstate__', 'pickling', None), ('__ne__', 'attrs', '__ne__'), ('__match_args__', 'value', ('severity', 'code', 'message', 'span')), ('__repr__', 'method', None), ('__eq__', 'method', None), ('__hash__', 'method', None), ('__init__', 'method', {'return': None, 'severity': 'Severity', 'code': 'str', 'message': 'str', 'span': 'Span | None'})),
        ('repr', 'eq', 'hash', 'init'),
        _methods_tree_nodes__Diagnostic,
        None,
        ('severity', 'code', 'message', 'span', '__weakref__'),
    ),
    '.tree.nodes:Cell': (
        ('Cell', (), (('builtins:object', None),), ('__module__', '__annotations__', '__doc__', 'span', 'text', 'is_empty'), (('raw', 'str'), ('span', 'Span | None')), (), (('span', None, None, None, False, None, None, True, None, None, False, None, False, None, {}, False, False, False),)),
        (('raw', None, True, True, None, True, None, None, True, {}, 'str', None, False, False, None, 'raw', True), ('span', None, False, False, None, False, None, None, True, {}, 'Span | None', None, False, False, None, 'span', True)),
        (False, True, True, True, ('KeywordOnly', 'NO'), True, True, True, True, False, ('Hashability', 'HASHABLE'), True, False, True, None, None),
        (('__attrs_attrs__', 'fields', None), ('__attrs_props__', 'props', None), ('__setattr__', 'attrs', '_frozen_setattrs'), ('__delattr__', 'attrs', '_frozen_delattrs'), ('__getstate__', 'pickling', None), ('__ne__', 'attrs', '__ne__'), ('__match_args__', 'value', ('raw', 'span')), ('__repr__', 'method', None), ('__eq__', 'method', None), ('__hash__', 'method', None), ('__init__', 'method', {'return': None, 'raw': 'str', 'span': 'Span | None'})),
        ('repr', 'eq', 'hash', 'init'),
        _methods_tree_nodes__Cell,
        None,
        ('raw', 'span', '__weakref__'),
    ),
    '.tree.nodes:Row': (
        ('Row', (), (('builtins:object', None),), ('__module__', '__annotations__', '__doc__', 'span', 'texts', '__len__'), (('cells', 'tuple[Cell, ...]'), ('span', 'Span | None')), (), (('span', None, None, None, False, None, None, True, None, None, False, None, False, None, {}, False, False, False),)),
        (('cells', None, True, True, None, True, None, None, True, {}, 'tuple[Cell, ...]', None, False, False, None, 'cells', True), ('span', None, False, False, None, False, None, None, True, {}, 'Span | None', None, False, False, None, 'span', True)),
        (False, True, True, True, ('KeywordOnly', 'NO'), True, True, True, True, False, ('Hashability', 'HASHABLE'), True, False, True, None, None),
        (('__attrs_attrs__', 'fields', None), ('__attrs_props__', 'props', None), ('__setattr__', 'attrs', '_frozen_setattrs'), ('__delattr__', 'attrs', '_frozen_delattrs'), ('__getstate__', 'pickling', None), ('__ne__', 'attrs', '__ne__'), ('__match_args__', 'value', ('cells', 'span')), ('__repr__', 'method', None), ('__eq__', 'method', None), ('__hash__', 'method', None), ('__init__', 'method', {'return': None, 'cells': 'tuple[Cell, ...]', 'span': 'Span | None'})),
        ('repr', 'eq', 'hash', 'init'),
        _methods_tree_nodes__Row,
        None,
        ('cells', 'span', '__weakref__'),
    ),
    '.tree.nodes:Table': (
        ('Table', (), (('builtins:object', None),), ('__module__', '__annotations__', '__doc__', 'format', 'header_rows', 'span', 'cells', 'texts'), (('rows', 'tuple[Row, ...]'), ('format', 'str'), ('header_rows', 'int'), ('span', 'Span | None')), (), (('span', None, None, None, False, None, None, True, None, None, False, None, False, None, {}, False, False, False),)),
        (('rows', None, True, True, None, True, None, None, True, {}, 'tuple[Row, ...]', None, False, False, None, 'rows', True), ('format', None, True, True, None, True, None, None, True, {}, 'str', None, False, False, None, 'format', True), ('header_rows', None, True, True, None, True, None, None, True, {}, 'int', None, False, False, None, 'header_rows', True), ('span', None, False, False, None, False, None, None, True, {}, 'Span | None', None, False, False, None, 'span', True)),
        (False, True, True, True, ('KeywordOnly', 'NO'), True, True, True, True, False, ('Hashability', 'HASHABLE'), True, False, True, None, None),
        (('__attrs_attrs__', 'fields', None), ('__attrs_props__', 'props', None), ('__setattr__', 'attrs', '_frozen_setattrs'), ('__delattr__', 'attrs', '_frozen_delattrs'), ('__getstate__', 'pickling', None), ('__ne__', 'attrs', '__ne__'), ('__match_args__', 'value', ('rows', 'format', 'header_rows', 'span')), ('__repr__', 'method', None), ('__eq__', 'method', None), ('__hash__', 'method', None), ('__init__', 'method', {'return': None, 'rows': 'tuple[Row, ...]', 'format': 'str', 'header_rows': 'int', 'span': 'Span | None'})),
        ('repr', 'eq', 'hash', 'init'),
        _methods_tree_nodes__Table,
        None,
        ('rows', 'format', 'header_rows', 'span', '__weakref__'),
    ),
    '.tree.nodes:Paragraph': (
        ('Paragraph', (), (('builtins:object', None),), ('__module__', '__annotations__', '__doc__', 'span', '_simplifier', 'text', 'simplified', '__getstate__', '__setstate__'), (('raw', 'str'), ('span', 'Span | None'), ('_simplifier', 'Simplifier | None')), (('simplified', 'str'),), (('span', None, None, None, False, None, None, True, None, None, False, None, False, None, {}, False, False, False), ('_simplifier', None, None, None, False, None, False, False, None, None, False, None, False, None, {}, False, False, False))),
        (('raw', None, True, True, None, True, None, None, True, {}, 'str', None, False, False, None, 'raw', True), ('span', None, False, False, None, False, None, None, True, {}, 'Span | None', None, False, False, None, 'span', True), ('_simplifier', None, False, False, None, False, None, False, False, {}, 'Simplifier | None', None, False, False, None, 'simplifier', True)),
        (False, True, True, True, ('KeywordOnly', 'NO'), True, True, True, True, False, ('Hashability', 'HASHABLE'), True, False, False, None, None),
        (('__attrs_attrs__', 'fields', None), ('__attrs_props__', 'props', None), ('__setattr__', 'attrs', '_frozen_setattrs'), ('__delattr__', 'attrs', '_frozen_delattrs'), ('__ne__', 'attrs', '__ne__'), ('__match_args__', 'value', ('raw', 'span')), ('__repr__', 'method', None), ('__eq__', 'method', None), ('__hash__', 'method', None), ('__init__', 'method', {'return': None, 'raw': 'str', 'span': 'Span | None'})),
        ('repr', 'eq', 'hash', 'init'),
        _methods_tree_nodes__Paragraph,
        _getattr_tree_nodes__Paragraph,
        ('raw', 'span', '_simplifier', '__weakref__', 'simplified'),
    ),
    '.tree.nodes:Heading': (
        ('Heading', (), (('builtins:object', None),), ('__module__', '__annotations__', '__doc__', 'span', '_simplifier', 'text', 'simplified', '__getstate__', '__setstate__'), (('raw', 'str'), ('kind', 'str'), ('span', 'Span | None'), ('_simplifier', 'Simplifier | None')), (('simplified', 'str'),), (('span', None, None, None, False, None, None, True, None, None, False, None, False, None, {}, False, False, False), ('_simplifier', None, None, None, False, None, False, False, None, None, False, None, False, None, {}, False, False, False))),
        (('raw', None, True, True, None, True, None, None, True, {}, 'str', None, False, False, None, 'raw', True), ('kind', None, True, True, None, True, None, None, True, {}, 'str', None, False, False, None, 'kind', True), ('span', None, False, False, None, False, None, None, True, {}, 'Span | None', None, False, False, None, 'span', True), ('_simplifier', None, False, False, None, False, None, False, False, {}, 'Simplifier | None', None, False, False, None, 'simplifier', True)),
        (False, True, True, True, ('KeywordOnly', 'NO'), True, True, True, True, False, ('Hashability', 'HASHABLE'), True, False, False, None, None),
        (('__attrs_attrs__', 'fields', None), ('__attrs_props__', 'props', None), ('__setattr__', 'attrs', '_frozen_setattrs'), ('__delattr__', 'attrs', '_frozen_delattrs'), ('__ne__', 'attrs', '__ne__'), ('__match_args__', 'value', ('raw', 'kind', 'span')), ('__repr__', 'method', None), ('__eq__', 'method', None), ('__hash__', 'method', None), ('__init__', 'method', {'return': None, 'raw': 'str', 'kind': 'str', 'span': 'Span | None'})),
        ('repr', 'eq', 'hash', 'init'),
        _methods_tree_nodes__Heading,
        _getattr_tree_nodes__Heading,
        ('raw', 'kind', 'span', '_simplifier', '__weakref__', 'simplified'),
    ),
    '.tree.nodes:Section': (
        ('Section', (), (('builtins:object', None),), ('__module__', '__annotations__', '__doc__', 'blocks', 'span', 'paragraphs', 'tables'), (('kind', 'str'), ('heading', 'Heading | None'), ('blocks', 'tuple[Block, ...]'), ('span', 'Span | None')), (), (('span', None, None, None, False, None, None, True, None, None, False, None, False, None, {}, False, False, False),)),
        (('kind', None, True, True, None, True, None, None, True, {}, 'str', None, False, False, None, 'kind', True), ('heading', None, True, True, None, True, None, None, True, {}, 'Heading | None', None, False, False, None, 'heading', True), ('blocks', None, True, True, None, True, None, None, True, {}, 'tuple[Block, ...]', None, False, False, None, 'blocks', True), ('span', None, False, False, None, False, None, None, True, {}, 'Span | None', None, False, False, None, 'span', True)),
        (False, True, True, True, ('KeywordOnly', 'NO'), True, True, True, True, False, ('Hashability', 'HASHABLE'), True, False, True, None, None),
        (('__attrs_attrs__', 'fields', None), ('__attrs_props__', 'props', None), ('__setattr__', 'attrs', '_frozen_setattrs'), ('__delattr__', 'attrs', '_frozen_delattrs'), ('__getstate__', 'pickling', None), ('__ne__', 'attrs', '__ne__'), ('__match_args__', 'value', ('kind', 'heading', 'blocks', 'span')), ('__repr__', 'method', None), ('__eq__', 'method', None), ('__hash__', 'method', None), ('__init__', 'method', {'return': None, 'kind': 'str', 'heading': 'Heading | None', 'blocks': 'tuple[Block, ...]', 'span': 'Span | None'})),
        ('repr', 'eq', 'hash', 'init'),
        _methods_tree_nodes__Section,
        None,
        ('kind', 'heading', 'blocks', 'span', '__weakref__'),
    ),
    '.tree.nodes:Metadata': (
        ('Metadata', (), (('builtins:object', None),), ('__module__', '__annotations__', '__doc__', 'agency', 'year', 'template', 'script', 'period'), (('agency', 'str | None'), ('year', 'int | None'), ('template', 'str | None'), ('script', 'str'), ('period', 'str | None')), (), ()),
        (('agency', None, True, True, None, True, None, None, True, {}, 'str | None', None, False, False, None, 'agency', True), ('year', None, True, True, None, True, None, None, True, {}, 'int | None', None, False, False, None, 'year', True), ('template', None, True, True, None, True, None, None, True, {}, 'str | None', None, False, False, None, 'template', True), ('script', None, True, True, None, True, None, None, True, {}, 'str', None, False, False, None, 'script', True), ('period', None, True, True, None, True, None, None, True, {}, 'str | None', None, False, False, None, 'period', True)),
        (False, True, True, True, ('KeywordOnly', 'NO'), True, True, True, True, False, ('Hashability', 'HASHABLE'), True, False, True, None, None),
        (('__attrs_attrs__', 'fields', None), ('__attrs_props__', 'props', None), ('__setattr__', 'attrs', '_frozen_setattrs'), ('__delattr__', 'attrs', '_frozen_delattrs'), ('__getstate__', 'pickling', None), ('__ne__', 'attrs', '__ne__'), ('__match_args__', 'value', ('agency', 'year', 'template', 'script', 'period')), ('__repr__', 'method', None), ('__eq__', 'method', None), ('__hash__', 'method', None), ('__init__', 'method', {'return': None, 'agency': 'str | None', 'year': 'int | None', 'template': 'str | None', 'script': 'str', 'period': 'str | None'})),
        ('repr', 'eq', 'hash', 'init'),
        _methods_tree_nodes__Metadata,
        None,
        ('agency', 'year', 'template', 'script', 'period', '__weakref__'),
    ),
    '.tree.nodes:Report': (
        ('Report', (), (('builtins:object', None),), ('__module__', '__annotations__', '__doc__', 'metadata', 'statistics', 'diagnostics', 'source', 'path', 'blocks', 'tables', 'paragraphs', 'section', 'valid'), (('sections', 'tuple[Section, ...]'), ('metadata', 'Metadata'), ('statistics', 'Statistics | None'), ('diagnostics', 'tuple[Diagnostic, ...]'), ('source', 'str'), ('path', 'str | None')), (), (('source', None, None, None, False, None, None, True, None, None, False, None, False, None, {}, False, False, False), ('path', None, None, None, False, None, None, True, None, None, False, None, True, None, {}, False, False, False))),
        (('sections', None, True, True, None, True, None, None, True, {}, 'tuple[Section, ...]', None, False, False, None, 'sections', True), ('metadata', None, True, True, None, True, None, None, True, {}, 'Metadata', None, False, False, None, 'metadata', True), ('statistics', None, True, True, None, True, None, None, True, {}, 'Statistics | None', None, False, False, None, 'statistics', True), ('diagnostics', None, True, True, None, True, None, None, True, {}, 'tuple[Diagnostic, ...]', None, False, False, None, 'diagnostics', True), ('source', None, False, False, None, False, None, None, True, {}, 'str', None, False, False, None, 'source', True), ('path', None, True, False, None, False, None, None, True, {}, 'str | None', None, False, False, None, 'path', True)),
        (False, True, True, True, ('KeywordOnly', 'NO'), True, True, True, True, False, ('Hashability', 'HASHABLE'), True, False, True, None, None),
        (('__attrs_attrs__', 'fields', None), ('__attrs_props__', 'props', None), ('__setattr__', 'attrs', '_frozen_setattrs'), ('__delattr__', 'attrs', '_frozen_delattrs'), ('__getstate__', 'pickling', None), ('__ne__', 'attrs', '__ne__'), ('__match_args__', 'value', ('sections', 'metadata', 'statistics', 'diagnostics', 'source', 'path')), ('__repr__', 'method', None), ('__eq__', 'method', None), ('__hash__', 'method', None), ('__init__', 'method', {'return': None, 'sections': 'tuple[Section, ...]', 'metadata': 'Metadata', 'statistics': 'Statistics | None', 'diagnostics': 'tuple[Diagnostic, ...]', 'source': 'str', 'path': 'str | None'})),
        ('repr', 'eq', 'hash', 'init'),
        _methods_tree_nodes__Report,
        None,
        ('sections', 'metadata', 'statistics', 'diagnostics', 'source', 'path', '__weakref__'),
    ),
    '.tree.nodes:SourceDocument': (
        ('SourceDocument', (), (('builtins:object', None),), ('__module__', '__annotations__', '__doc__', 'encoding', 'format', 'blocks', 'diagnostics'), (('text', 'str'), ('encoding', 'str | None'), ('format', 'str'), ('blocks', 'tuple[Block, ...] | None'), ('diagnostics', 'tuple[Diagnostic, ...]')), (), ()),
        (('text', None, True, True, None, True, None, None, True, {}, 'str', None, False, False, None, 'text', True), ('encoding', None, True, True, None, True, None, None, True, {}, 'str | None', None, False, False, None, 'encoding', True), ('format', None, True, True, None, True, None, None, True, {}, 'str', None, False, False, None, 'format', True), ('blocks', None, True, True, None, True, None, None, True, {}, 'tuple[Block, ...] | None', None, False, False, None, 'blocks', True), ('diagnostics', None, True, True, None, True, None, None, True, {}, 'tuple[Diagnostic, ...]', None, False, False, None, 'diagnostics', True)),
        (False, True, True, True, ('KeywordOnly', 'NO'), True, True, True, True, False, ('Hashability', 'HASHABLE'), True, False, True, None, None),
        (('__attrs_attrs__', 'fields', None), ('__attrs_props__', 'props', None), ('__setattr__', 'attrs', '_frozen_setattrs'), ('__delattr__', 'attrs', '_frozen_delattrs'), ('__getstate__', 'pickling', None), ('__ne__', 'attrs', '__ne__'), ('__match_args__', 'value', ('text', 'encoding', 'format', 'blocks', 'diagnostics')), ('__repr__', 'method', None), ('__eq__', 'method', None), ('__hash__', 'method', None), ('__init__', 'method', {'return': None, 'text': 'str', 'encoding': 'str | None', 'format': 'str', 'blocks': 'tuple[Block, ...] | None', 'diagnostics': 'tuple[Diagnostic, ...]'})),
        ('repr', 'eq', 'hash', 'init'),
        _methods_tree_nodes__SourceDocument,
        None,
        ('text', 'encoding', 'format', 'blocks', 'diagnostics', '__weakref__'),
    ),
    '.tables.formats:TableParse': (
        ('TableParse', (), (('builtins:object', None),), ('__module__', '__annotations__', '__doc__', 'diagnostics'), (('table', 'Table'), ('end', 'int'), ('diagnostics', 'tuple[Diagnostic, ...]')), (), ()),
        (('table', None, True, True, None, True, None, None, True, {}, 'Table', None, False, False, None, 'table', True), ('end', None, True, True, None, True, None, None, True, {}, 'int', None, False, False, None, 'end', True), ('diagnostics', None, True, True, None, True, None, None, True, {}, 'tuple[Diagnostic, ...]', None, False, False, None, 'diagnostics', True)),
        (False, True, True, True, ('KeywordOnly', 'NO'), True, True, True, True, False, ('Hashability', 'HASHABLE'), True, False, True, None, None),
        (('__attrs_attrs__', 'fields', None), ('__attrs_props__', 'props', None), ('__setattr__', 'attrs', '_frozen_setattrs'), ('__delattr__', 'attrs', '_frozen_delattrs'), ('__getstate__', 'pickling', None), ('__ne__', 'attrs', '__ne__'), ('__match_args__', 'value', ('table', 'end', 'diagnostics')), ('__repr__', 'method', None), ('__eq__', 'method', None), ('__hash__', 'method', None), ('__init__', 'method', {'return': None, 'table': 'Table', 'end': 'int', 'diagnostics': 'tuple[Diagnostic, ...]'})),
        ('repr', 'eq', 'hash', 'init'),
        _methods_tables_formats__TableParse,
        None,
        ('table', 'end', 'diagnostics', '__weakref__'),
    ),
}
