"""What attrs makes of gipparse's classes, for the attrs and the Python named in
:mod:`gipparse.classes.made`. Written by :mod:`gipparse.classes.gen`; do not edit.
"""

# ruff: noqa
# mypy: ignore-errors
# fmt: off


def _methods_templates_views__ActiveItem(_type_hash):
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
        return f'{self.__class__.__qualname__.rsplit(">.", 1)[-1]}(made={self.made!r}, published={self.published!r}, total={self.total!r}, prev_items={self.prev_items!r}, change={self.change!r}, decisions={self.decisions!r}, projects={self.projects!r}, amount={self.amount!r}, issued={self.issued!r}, repealed={self.repealed!r}, in_force={self.in_force!r})'
      finally:
        already_repring.remove(id(self))
    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return  (
            self.made == other.made and
            self.published == other.published and
            self.total == other.total and
            self.prev_items == other.prev_items and
            self.change == other.change and
            self.decisions == other.decisions and
            self.projects == other.projects and
            self.amount == other.amount and
            self.issued == other.issued and
            self.repealed == other.repealed and
            self.in_force == other.in_force
        )
    def __hash__(self):
            return hash((
                    _type_hash,
                    self.made,
                    self.published,
                    self.total,
                    self.prev_items,
                    self.change,
                    self.decisions,
                    self.projects,
                    self.amount,
                    self.issued,
                    self.repealed,
                    self.in_force,
                ))
    def __init__(self, made=attr_dict['made'].default, published=attr_dict['published'].default, total=attr_dict['total'].default, prev_items=attr_dict['prev_items'].default, change=attr_dict['change'].default, decisions=attr_dict['decisions'].default, projects=attr_dict['projects'].default, amount=attr_dict['amount'].default, issued=attr_dict['issued'].default, repealed=attr_dict['repealed'].default, in_force=attr_dict['in_force'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('made', made)
        _setattr('published', published)
        _setattr('total', total)
        _setattr('prev_items', prev_items)
        _setattr('change', change)
        _setattr('decisions', decisions)
        _setattr('projects', projects)
        _setattr('amount', amount)
        _setattr('issued', issued)
        _setattr('repealed', repealed)
        _setattr('in_force', in_force)
    return {'__repr__': __repr__, '__eq__': __eq__, '__hash__': __hash__, '__init__': __init__}


def _methods_templates_views__ActiveDisclosure(_type_hash):
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
        return f'{self.__class__.__qualname__.rsplit(">.", 1)[-1]}(rules={self.rules!r}, normative_docs={self.normative_docs!r}, licensing={self.licensing!r}, other_services={self.other_services!r}, penalty={self.penalty!r}, coercion={self.coercion!r}, fees={self.fees!r}, procurement={self.procurement!r})'
      finally:
        already_repring.remove(id(self))
    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return  (
            self.rules == other.rules and
            self.normative_docs == other.normative_docs and
            self.licensing == other.licensing and
            self.other_services == other.other_services and
            self.penalty == other.penalty and
            self.coercion == other.coercion and
            self.fees == other.fees and
            self.procurement == other.procurement
        )
    def __hash__(self):
            return hash((
                    _type_hash,
                    self.rules,
                    self.normative_docs,
                    self.licensing,
                    self.other_services,
                    self.penalty,
                    self.coercion,
                    self.fees,
                    self.procurement,
                ))
    def __init__(self, rules=attr_dict['rules'].default, normative_docs=attr_dict['normative_docs'].default, licensing=attr_dict['licensing'].default, other_services=attr_dict['other_services'].default, penalty=attr_dict['penalty'].default, coercion=attr_dict['coercion'].default, fees=attr_dict['fees'].default, procurement=attr_dict['procurement'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('rules', rules)
        _setattr('normative_docs', normative_docs)
        _setattr('licensing', licensing)
        _setattr('other_services', other_services)
        _setattr('penalty', penalty)
        _setattr('coercion', coercion)
        _setattr('fees', fees)
        _setattr('procurement', procurement)
    return {'__repr__': __repr__, '__eq__': __eq__, '__hash__': __hash__, '__init__': __init__}


def _methods_templates_views__ApplicantCounts(_type_hash):
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
        return f'{self.__class__.__qualname__.rsplit(">.", 1)[-1]}(natural_person={self.natural_person!r}, commercial={self.commercial!r}, research={self.research!r}, nonprofit={self.nonprofit!r}, legal_services={self.legal_services!r}, other_org={self.other_org!r}, total={self.total!r})'
      finally:
        already_repring.remove(id(self))
    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return  (
            self.natural_person == other.natural_person and
            self.commercial == other.commercial and
            self.research == other.research and
            self.nonprofit == other.nonprofit and
            self.legal_services == other.legal_services and
            self.other_org == other.other_org and
            self.total == other.total
        )
    def __hash__(self):
            return hash((
                    _type_hash,
                    self.natural_person,
                    self.commercial,
                    self.research,
                    self.nonprofit,
                    self.legal_services,
                    self.other_org,
                    self.total,
                ))
    def __init__(self, natural_person=attr_dict['natural_person'].default, commercial=attr_dict['commercial'].default, research=attr_dict['research'].default, nonprofit=attr_dict['nonprofit'].default, legal_services=attr_dict['legal_services'].default, other_org=attr_dict['other_org'].default, total=attr_dict['total'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('natural_person', natural_person)
        _setattr('commercial', commercial)
        _setattr('research', research)
        _setattr('nonprofit', nonprofit)
        _setattr('legal_services', legal_services)
        _setattr('other_org', other_org)
        _setattr('total', total)
    return {'__repr__': __repr__, '__eq__': __eq__, '__hash__': __hash__, '__init__': __init__}


def _methods_templates_views__WithheldCounts(_type_hash):
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
        return f'{self.__class__.__qualname__.rsplit(">.", 1)[-1]}(state_secret={self.state_secret!r}, prohibited_by_law={self.prohibited_by_law!r}, security_stability={self.security_stability!r}, third_party={self.third_party!r}, internal_affairs={self.internal_affairs!r}, process_info={self.process_info!r}, enforcement_files={self.enforcement_files!r}, query_matters={self.query_matters!r})'
      finally:
        already_repring.remove(id(self))
    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return  (
            self.state_secret == other.state_secret and
            self.prohibited_by_law == other.prohibited_by_law and
            self.security_stability == other.security_stability and
            self.third_party == other.third_party and
            self.internal_affairs == other.internal_affairs and
            self.process_info == other.process_info and
            self.enforcement_files == other.enforcement_files and
            self.query_matters == other.query_matters
        )
    def __hash__(self):
            return hash((
                    _type_hash,
                    self.state_secret,
                    self.prohibited_by_law,
                    self.security_stability,
                    self.third_party,
                    self.internal_affairs,
                    self.process_info,
                    self.enforcement_files,
                    self.query_matters,
                ))
    def __init__(self, state_secret=attr_dict['state_secret'].default, prohibited_by_law=attr_dict['prohibited_by_law'].default, security_stability=attr_dict['security_stability'].default, third_party=attr_dict['third_party'].default, internal_affairs=attr_dict['internal_affairs'].default, process_info=attr_dict['process_info'].default, enforcement_files=attr_dict['enforcement_files'].default, query_matters=attr_dict['query_matters'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('state_secret', state_secret)
        _setattr('prohibited_by_law', prohibited_by_law)
        _setattr('security_stability', security_stability)
        _setattr('third_party', third_party)
        _setattr('internal_affairs', internal_affairs)
        _setattr('process_info', process_info)
        _setattr('enforcement_files', enforcement_files)
        _setattr('query_matters', query_matters)
    return {'__repr__': __repr__, '__eq__': __eq__, '__hash__': __hash__, '__init__': __init__}


def _methods_templates_views__UnavailableCounts(_type_hash):
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
        return f'{self.__class__.__qualname__.rsplit(">.", 1)[-1]}(not_held={self.not_held!r}, needs_creation={self.needs_creation!r}, unclear={self.unclear!r})'
      finally:
        already_repring.remove(id(self))
    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return  (
            self.not_held == other.not_held and
            self.needs_creation == other.needs_creation and
            self.unclear == other.unclear
        )
    def __hash__(self):
            return hash((
                    _type_hash,
                    self.not_held,
                    self.needs_creation,
                    self.unclear,
                ))
    def __init__(self, not_held=attr_dict['not_held'].default, needs_creation=attr_dict['needs_creation'].default, unclear=attr_dict['unclear'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('not_held', not_held)
        _setattr('needs_creation', needs_creation)
        _setattr('unclear', unclear)
    return {'__repr__': __repr__, '__eq__': __eq__, '__hash__': __hash__, '__init__': __init__}


def _methods_templates_views__NotProcessedCounts(_type_hash):
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
        return f'{self.__class__.__qualname__.rsplit(">.", 1)[-1]}(petition={self.petition!r}, repeated={self.repeated!r}, publication={self.publication!r}, excessive={self.excessive!r}, confirmation={self.confirmation!r})'
      finally:
        already_repring.remove(id(self))
    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return  (
            self.petition == other.petition and
            self.repeated == other.repeated and
            self.publication == other.publication and
            self.excessive == other.excessive and
            self.confirmation == other.confirmation
        )
    def __hash__(self):
            return hash((
                    _type_hash,
                    self.petition,
                    self.repeated,
                    self.publication,
                    self.excessive,
                    self.confirmation,
                ))
    def __init__(self, petition=attr_dict['petition'].default, repeated=attr_dict['repeated'].default, publication=attr_dict['publication'].default, excessive=attr_dict['excessive'].default, confirmation=attr_dict['confirmation'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('petition', petition)
        _setattr('repeated', repeated)
        _setattr('publication', publication)
        _setattr('excessive', excessive)
        _setattr('confirmation', confirmation)
    return {'__repr__': __repr__, '__eq__': __eq__, '__hash__': __hash__, '__init__': __init__}


def _methods_templates_views__OtherHandlingCounts(_type_hash):
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
        return f'{self.__class__.__qualname__.rsplit(">.", 1)[-1]}(no_correction={self.no_correction!r}, unpaid_fee={self.unpaid_fee!r}, other={self.other!r})'
      finally:
        already_repring.remove(id(self))
    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return  (
            self.no_correction == other.no_correction and
            self.unpaid_fee == other.unpaid_fee and
            self.other == other.other
        )
    def __hash__(self):
            return hash((
                    _type_hash,
                    self.no_correction,
                    self.unpaid_fee,
                    self.other,
                ))
    def __init__(self, no_correction=attr_dict['no_correction'].default, unpaid_fee=attr_dict['unpaid_fee'].default, other=attr_dict['other'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('no_correction', no_correction)
        _setattr('unpaid_fee', unpaid_fee)
        _setattr('other', other)
    return {'__repr__': __repr__, '__eq__': __eq__, '__hash__': __hash__, '__init__': __init__}


def _methods_templates_views__ApplicationsTable(_type_hash):
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
        return f'{self.__class__.__qualname__.rsplit(">.", 1)[-1]}(new={self.new!r}, carried_over={self.carried_over!r}, granted={self.granted!r}, partial={self.partial!r}, withheld={self.withheld!r}, unavailable={self.unavailable!r}, not_processed={self.not_processed!r}, other_handling={self.other_handling!r}, other_handling_rows={self.other_handling_rows!r}, total={self.total!r}, carried_forward={self.carried_forward!r})'
      finally:
        already_repring.remove(id(self))
    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return  (
            self.new == other.new and
            self.carried_over == other.carried_over and
            self.granted == other.granted and
            self.partial == other.partial and
            self.withheld == other.withheld and
            self.unavailable == other.unavailable and
            self.not_processed == other.not_processed and
            self.other_handling == other.other_handling and
            self.other_handling_rows == other.other_handling_rows and
            self.total == other.total and
            self.carried_forward == other.carried_forward
        )
    def __hash__(self):
            return hash((
                    _type_hash,
                    self.new,
                    self.carried_over,
                    self.granted,
                    self.partial,
                    self.withheld,
                    self.unavailable,
                    self.not_processed,
                    self.other_handling,
                    self.other_handling_rows,
                    self.total,
                    self.carried_forward,
                ))
    def __init__(self, new=attr_dict['new'].default, carried_over=attr_dict['carried_over'].default, granted=attr_dict['granted'].default, partial=attr_dict['partial'].default, withheld=attr_dict['withheld'].default, unavailable=attr_dict['unavailable'].default, not_processed=attr_dict['not_processed'].default, other_handling=attr_dict['other_handling'].default, other_handling_rows=attr_dict['other_handling_rows'].default, total=attr_dict['total'].default, carried_forward=attr_dict['carried_forward'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('new', new)
        _setattr('carried_over', carried_over)
        _setattr('granted', granted)
        _setattr('partial', partial)
        _setattr('withheld', withheld)
        _setattr('unavailable', unavailable)
        _setattr('not_processed', not_processed)
        _setattr('other_handling', other_handling)
        _setattr('other_handling_rows', other_handling_rows)
        _setattr('total', total)
        _setattr('carried_forward', carried_forward)
    return {'__repr__': __repr__, '__eq__': __eq__, '__hash__': __hash__, '__init__': __init__}


def _methods_templates_views__AppealOutcomes(_type_hash):
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
        return f'{self.__class__.__qualname__.rsplit(">.", 1)[-1]}(upheld={self.upheld!r}, corrected={self.corrected!r}, other={self.other!r}, pending={self.pending!r}, total={self.total!r})'
      finally:
        already_repring.remove(id(self))
    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return  (
            self.upheld == other.upheld and
            self.corrected == other.corrected and
            self.other == other.other and
            self.pending == other.pending and
            self.total == other.total
        )
    def __hash__(self):
            return hash((
                    _type_hash,
                    self.upheld,
                    self.corrected,
                    self.other,
                    self.pending,
                    self.total,
                ))
    def __init__(self, upheld=attr_dict['upheld'].default, corrected=attr_dict['corrected'].default, other=attr_dict['other'].default, pending=attr_dict['pending'].default, total=attr_dict['total'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('upheld', upheld)
        _setattr('corrected', corrected)
        _setattr('other', other)
        _setattr('pending', pending)
        _setattr('total', total)
    return {'__repr__': __repr__, '__eq__': __eq__, '__hash__': __hash__, '__init__': __init__}


def _methods_templates_views__ReviewLitigation(_type_hash):
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
        return f'{self.__class__.__qualname__.rsplit(">.", 1)[-1]}(review={self.review!r}, litigation_direct={self.litigation_direct!r}, litigation_after_review={self.litigation_after_review!r})'
      finally:
        already_repring.remove(id(self))
    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return  (
            self.review == other.review and
            self.litigation_direct == other.litigation_direct and
            self.litigation_after_review == other.litigation_after_review
        )
    def __hash__(self):
            return hash((
                    _type_hash,
                    self.review,
                    self.litigation_direct,
                    self.litigation_after_review,
                ))
    def __init__(self, review=attr_dict['review'].default, litigation_direct=attr_dict['litigation_direct'].default, litigation_after_review=attr_dict['litigation_after_review'].default):
        _setattr = _cached_setattr_get(self)
        _setattr('review', review)
        _setattr('litigation_direct', litigation_direct)
        _setattr('litigation_after_review', litigation_after_review)
    return {'__repr__': __repr__, '__eq__': __eq__, '__hash__': __hash__, '__init__': __init__}


#: class -> (signature, fields, class properties, namespace, snippets, methods,
#: getattr, slots); see gipparse.classes._build.
CLASSES = {
    '.templates.views:ActiveItem': (
        ('ActiveItem', (), (('builtins:object', None),), ('__module__', '__annotations__', '__doc__', 'made', 'published', 'total', 'prev_items', 'change', 'decisions', 'projects', 'amount', 'issued', 'repealed', 'in_force'), (('made', 'int | None'), ('published', 'int | None'), ('total', 'int | None'), ('prev_items', 'int | None'), ('change', 'int | None'), ('decisions', 'int | None'), ('projects', 'int | None'), ('amount', 'Decimal | None'), ('issued', 'int | None'), ('repealed', 'int | None'), ('in_force', 'int | None')), (), ()),
        (('made', None, True, True, None, True, None, None, True, {}, 'int | None', None, False, False, None, 'made', True), ('published', None, True, True, None, True, None, None, True, {}, 'int | None', None, False, False, None, 'published', True), ('total', None, True, True, None, True, None, None, True, {}, 'int | None', None, False, False, None, 'total', True), ('prev_items', None, True, True, None, True, None, None, True, {}, 'int | None', None, False, False, None, 'prev_items', True), ('change', None, True, True, None, True, None, None, True, {}, 'int | None', None, False, False, None, 'change', True), ('decisions', None, True, True, None, True, None, None, True, {}, 'int | None', None, False, False, None, 'decisions', True), ('projects', None, True, True, None, True, None, None, True, {}, 'int | None', None, False, False, None, 'projects', True), ('amount', None, True, True, None, True, None, None, True, {}, 'Decimal | None', None, False, False, None, 'amount', True), ('issued', None, True, True, None, True, None, None, True, {}, 'int | None', None, False, False, None, 'issued', True), ('repealed', None, True, True, None, True, None, None, True, {}, 'int | None', None, False, False, None, 'repealed', True), ('in_force', None, True, True, None, True, None, None, True, {}, 'int | None', None, False, False, None, 'in_force', True)),
        (False, True, True, True, ('KeywordOnly', 'NO'), True, True, True, True, False, ('Hashability', 'HASHABLE'), True, False, True, None, None),
        (('__attrs_attrs__', 'fields', None), ('__attrs_props__', 'props', None), ('__setattr__', 'attrs', '_frozen_setattrs'), ('__delattr__', 'attrs', '_frozen_delattrs'), ('__getstate__', 'pickling', None), ('__ne__', 'attrs', '__ne__'), ('__match_args__', 'value', ('made', 'published', 'total', 'prev_items', 'change', 'decisions', 'projects', 'amount', 'issued', 'repealed', 'in_force')), ('__repr__', 'method', None), ('__eq__', 'method', None), ('__hash__', 'method', None), ('__init__', 'method', {'return': None, 'made': 'int | None', 'published': 'int | None', 'total': 'int | None', 'prev_items': 'int | None', 'change': 'int | None', 'decisions': 'int | None', 'projects': 'int | None', 'amount': 'Decimal | None', 'issued': 'int | None', 'repealed': 'int | None', 'in_force': 'int | None'})),
        ('repr', 'eq', 'hash', 'init'),
        _methods_templates_views__ActiveItem,
        None,
        ('made', 'published', 'total', 'prev_items', 'change', 'decisions', 'projects', 'amount', 'issued', 'repealed', 'in_force', '__weakref__'),
    ),
    '.templates.views:ActiveDisclosure': (
        ('ActiveDisclosure', (), (('builtins:object', None),), ('__module__', '__annotations__', '__doc__', '_parts', 'rules', 'normative_docs', 'licensing', 'other_services', 'penalty', 'coercion', 'fees', 'procurement'), (('_parts', 'ClassVar[Mapping[str, tuple[type[Any], str]]]'), ('rules', 'ActiveItem | None'), ('normative_docs', 'ActiveItem | None'), ('licensing', 'ActiveItem | None'), ('other_services', 'ActiveItem | None'), ('penalty', 'ActiveItem | None'), ('coercion', 'ActiveItem | None'), ('fees', 'ActiveItem | None'), ('procurement', 'ActiveItem | None')), (), ()),
        (('rules', None, True, True, None, True, None, None, True, {}, 'ActiveItem | None', None, False, False, None, 'rules', True), ('normative_docs', None, True, True, None, True, None, None, True, {}, 'ActiveItem | None', None, False, False, None, 'normative_docs', True), ('licensing', None, True, True, None, True, None, None, True, {}, 'ActiveItem | None', None, False, False, None, 'licensing', True), ('other_services', None, True, True, None, True, None, None, True, {}, 'ActiveItem | None', None, False, False, None, 'other_services', True), ('penalty', None, True, True, None, True, None, None, True, {}, 'ActiveItem | None', None, False, False, None, 'penalty', True), ('coercion', None, True, True, None, True, None, None, True, {}, 'ActiveItem | None', None, False, False, None, 'coercion', True), ('fees', None, True, True, None, True, None, None, True, {}, 'ActiveItem | None', None, False, False, None, 'fees', True), ('procurement', None, True, True, None, True, None, None, True, {}, 'ActiveItem | None', None, False, False, None, 'procurement', True)),
        (False, True, True, True, ('KeywordOnly', 'NO'), True, True, True, True, False, ('Hashability', 'HASHABLE'), True, False, True, None, None),
        (('__attrs_attrs__', 'fields', None), ('__attrs_props__', 'props', None), ('__setattr__', 'attrs', '_frozen_setattrs'), ('__delattr__', 'attrs', '_frozen_delattrs'), ('__getstate__', 'pickling', None), ('__ne__', 'attrs', '__ne__'), ('__match_args__', 'value', ('rules', 'normative_docs', 'licensing', 'other_services', 'penalty', 'coercion', 'fees', 'procurement')), ('__repr__', 'method', None), ('__eq__', 'method', None), ('__hash__', 'method', None), ('__init__', 'method', {'return': None, 'rules': 'ActiveItem | None', 'normative_docs': 'ActiveItem | None', 'licensing': 'ActiveItem | None', 'other_services': 'ActiveItem | None', 'penalty': 'ActiveItem | None', 'coercion': 'ActiveItem | None', 'fees': 'ActiveItem | None', 'procurement': 'ActiveItem | None'})),
        ('repr', 'eq', 'hash', 'init'),
        _methods_templates_views__ActiveDisclosure,
        None,
        ('rules', 'normative_docs', 'licensing', 'other_services', 'penalty', 'coercion', 'fees', 'procurement', '__weakref__'),
    ),
    '.templates.views:ApplicantCounts': (
        ('ApplicantCounts', (), (('builtins:object', None),), ('__module__', '__annotations__', '__doc__', 'natural_person', 'commercial', 'research', 'nonprofit', 'legal_services', 'other_org', 'total'), (('natural_person', 'int | None'), ('commercial', 'int | None'), ('research', 'int | None'), ('nonprofit', 'int | None'), ('legal_services', 'int | None'), ('other_org', 'int | None'), ('total', 'int | None')), (), ()),
        (('natural_person', None, True, True, None, True, None, None, True, {}, 'int | None', None, False, False, None, 'natural_person', True), ('commercial', None, True, True, None, True, None, None, True, {}, 'int | None', None, False, False, None, 'commercial', True), ('research', None, True, True, None, True, None, None, True, {}, 'int | None', None, False, False, None, 'research', True), ('nonprofit', None, True, True, None, True, None, None, True, {}, 'int | None', None, False, False, None, 'nonprofit', True), ('legal_services', None, True, True, None, True, None, None, True, {}, 'int | None', None, False, False, None, 'legal_services', True), ('other_org', None, True, True, None, True, None, None, True, {}, 'int | None', None, False, False, None, 'other_org', True), ('total', None, True, True, None, True, None, None, True, {}, 'int | None', None, False, False, None, 'total', True)),
        (False, True, True, True, ('KeywordOnly', 'NO'), True, True, True, True, False, ('Hashability', 'HASHABLE'), True, False, True, None, None),
        (('__attrs_attrs__', 'fields', None), ('__attrs_props__', 'props', None), ('__setattr__', 'attrs', '_frozen_setattrs'), ('__delattr__', 'attrs', '_frozen_delattrs'), ('__getstate__', 'pickling', None), ('__ne__', 'attrs', '__ne__'), ('__match_args__', 'value', ('natural_person', 'commercial', 'research', 'nonprofit', 'legal_services', 'other_org', 'total')), ('__repr__', 'method', None), ('__eq__', 'method', None), ('__hash__', 'method', None), ('__init__', 'method', {'return': None, 'natural_person': 'int | None', 'commercial': 'int | None', 'research': 'int | None', 'nonprofit': 'int | None', 'legal_services': 'int | None', 'other_org': 'int | None', 'total': 'int | None'})),
        ('repr', 'eq', 'hash', 'init'),
        _methods_templates_views__ApplicantCounts,
        None,
        ('natural_person', 'commercial', 'research', 'nonprofit', 'legal_services', 'other_org', 'total', '__weakref__'),
    ),
    '.templates.views:WithheldCounts': (
        ('WithheldCounts', (), (('builtins:object', None),), ('__module__', '__annotations__', '__doc__', '_parts', 'state_secret', 'prohibited_by_law', 'security_stability', 'third_party', 'internal_affairs', 'process_info', 'enforcement_files', 'query_matters'), (('_parts', 'ClassVar[Mapping[str, tuple[type[Any], str]]]'), ('state_secret', 'ApplicantCounts | None'), ('prohibited_by_law', 'ApplicantCounts | None'), ('security_stability', 'ApplicantCounts | None'), ('third_party', 'ApplicantCounts | None'), ('internal_affairs', 'ApplicantCounts | None'), ('process_info', 'ApplicantCounts | None'), ('enforcement_files', 'ApplicantCounts | None'), ('query_matters', 'ApplicantCounts | None')), (), ()),
        (('state_secret', None, True, True, None, True, None, None, True, {}, 'ApplicantCounts | None', None, False, False, None, 'state_secret', True), ('prohibited_by_law', None, True, True, None, True, None, None, True, {}, 'ApplicantCounts | None', None, False, False, None, 'prohibited_by_law', True), ('security_stability', None, True, True, None, True, None, None, True, {}, 'ApplicantCounts | None', None, False, False, None, 'security_stability', True), ('third_party', None, True, True, None, True, None, None, True, {}, 'ApplicantCounts | None', None, False, False, None, 'third_party', True), ('internal_affairs', None, True, True, None, True, None, None, True, {}, 'ApplicantCounts | None', None, False, False, None, 'internal_affairs', True), ('process_info', None, True, True, None, True, None, None, True, {}, 'ApplicantCounts | None', None, False, False, None, 'process_info', True), ('enforcement_files', None, True, True, None, True, None, None, True, {}, 'ApplicantCounts | None', None, False, False, None, 'enforcement_files', True), ('query_matters', None, True, True, None, True, None, None, True, {}, 'ApplicantCounts | None', None, False, False, None, 'query_matters', True)),
        (False, True, True, True, ('KeywordOnly', 'NO'), True, True, True, True, False, ('Hashability', 'HASHABLE'), True, False, True, None, None),
        (('__attrs_attrs__', 'fields', None), ('__attrs_props__', 'props', None), ('__setattr__', 'attrs', '_frozen_setattrs'), ('__delattr__', 'attrs', '_frozen_delattrs'), ('__getstate__', 'pickling', None), ('__ne__', 'attrs', '__ne__'), ('__match_args__', 'value', ('state_secret', 'prohibited_by_law', 'security_stability', 'third_party', 'internal_affairs', 'process_info', 'enforcement_files', 'query_matters')), ('__repr__', 'method', None), ('__eq__', 'method', None), ('__hash__', 'method', None), ('__init__', 'method', {'return': None, 'state_secret': 'ApplicantCounts | None', 'prohibited_by_law': 'ApplicantCounts | None', 'security_stability': 'ApplicantCounts | None', 'third_party': 'ApplicantCounts | None', 'internal_affairs': 'ApplicantCounts | None', 'process_info': 'ApplicantCounts | None', 'enforcement_files': 'ApplicantCounts | None', 'query_matters': 'ApplicantCounts | None'})),
        ('repr', 'eq', 'hash', 'init'),
        _methods_templates_views__WithheldCounts,
        None,
        ('state_secret', 'prohibited_by_law', 'security_stability', 'third_party', 'internal_affairs', 'process_info', 'enforcement_files', 'query_matters', '__weakref__'),
    ),
    '.templates.views:UnavailableCounts': (
        ('UnavailableCounts', (), (('builtins:object', None),), ('__module__', '__annotations__', '__doc__', '_parts', 'not_held', 'needs_creation', 'unclear'), (('_parts', 'ClassVar[Mapping[str, tuple[type[Any], str]]]'), ('not_held', 'ApplicantCounts | None'), ('needs_creation', 'ApplicantCounts | None'), ('unclear', 'ApplicantCounts | None')), (), ()),
        (('not_held', None, True, True, None, True, None, None, True, {}, 'ApplicantCounts | None', None, False, False, None, 'not_held', True), ('needs_creation', None, True, True, None, True, None, None, True, {}, 'ApplicantCounts | None', None, False, False, None, 'needs_creation', True), ('unclear', None, True, True, None, True, None, None, True, {}, 'ApplicantCounts | None', None, False, False, None, 'unclear', True)),
        (False, True, True, True, ('KeywordOnly', 'NO'), True, True, True, True, False, ('Hashability', 'HASHABLE'), True, False, True, None, None),
        (('__attrs_attrs__', 'fields', None), ('__attrs_props__', 'props', None), ('__setattr__', 'attrs', '_frozen_setattrs'), ('__delattr__', 'attrs', '_frozen_delattrs'), ('__getstate__', 'pickling', None), ('__ne__', 'attrs', '__ne__'), ('__match_args__', 'value', ('not_held', 'needs_creation', 'unclear')), ('__repr__', 'method', None), ('__eq__', 'method', None), ('__hash__', 'method', None), ('__init__', 'method', {'return': None, 'not_held': 'ApplicantCounts | None', 'needs_creation': 'ApplicantCounts | None', 'unclear': 'ApplicantCounts | None'})),
        ('repr', 'eq', 'hash', 'init'),
        _methods_templates_views__UnavailableCounts,
        None,
        ('not_held', 'needs_creation', 'unclear', '__weakref__'),
    ),
    '.templates.views:NotProcessedCounts': (
        ('NotProcessedCounts', (), (('builtins:object', None),), ('__module__', '__annotations__', '__doc__', '_parts', 'petition', 'repeated', 'publication', 'excessive', 'confirmation'), (('_parts', 'ClassVar[Mapping[str, tuple[type[Any], str]]]'), ('petition', 'ApplicantCounts | None'), ('repeated', 'ApplicantCounts | None'), ('publication', 'ApplicantCounts | None'), ('excessive', 'ApplicantCounts | None'), ('confirmation', 'ApplicantCounts | None')), (), ()),
        (('petition', None, True, True, None, True, None, None, True, {}, 'ApplicantCounts | None', None, False, False, None, 'petition', True), ('repeated', None, True, True, None, True, None, None, True, {}, 'ApplicantCounts | None', None, False, False, None, 'repeated', True), ('publication', None, True, True, None, True, None, None, True, {}, 'ApplicantCounts | None', None, False, False, None, 'publication', True), ('excessive', None, True, True, None, True, None, None, True, {}, 'ApplicantCounts | None', None, False, False, None, 'excessive', True), ('confirmation', None, True, True, None, True, None, None, True, {}, 'ApplicantCounts | None', None, False, False, None, 'confirmation', True)),
        (False, True, True, True, ('KeywordOnly', 'NO'), True, True, True, True, False, ('Hashability', 'HASHABLE'), True, False, True, None, None),
        (('__attrs_attrs__', 'fields', None), ('__attrs_props__', 'props', None), ('__setattr__', 'attrs', '_frozen_setattrs'), ('__delattr__', 'attrs', '_frozen_delattrs'), ('__getstate__', 'pickling', None), ('__ne__', 'attrs', '__ne__'), ('__match_args__', 'value', ('petition', 'repeated', 'publication', 'excessive', 'confirmation')), ('__repr__', 'method', None), ('__eq__', 'method', None), ('__hash__', 'method', None), ('__init__', 'method', {'return': None, 'petition': 'ApplicantCounts | None', 'repeated': 'ApplicantCounts | None', 'publication': 'ApplicantCounts | None', 'excessive': 'ApplicantCounts | None', 'confirmation': 'ApplicantCounts | None'})),
        ('repr', 'eq', 'hash', 'init'),
        _methods_templates_views__NotProcessedCounts,
        None,
        ('petition', 'repeated', 'publication', 'excessive', 'confirmation', '__weakref__'),
    ),
    '.templates.views:OtherHandlingCounts': (
        ('OtherHandlingCounts', (), (('builtins:object', None),), ('__module__', '__annotations__', '__doc__', '_parts', 'no_correction', 'unpaid_fee', 'other'), (('_parts', 'ClassVar[Mapping[str, tuple[type[Any], str]]]'), ('no_correction', 'ApplicantCounts | None'), ('unpaid_fee', 'ApplicantCounts | None'), ('other', 'ApplicantCounts | None')), (), ()),
        (('no_correction', None, True, True, None, True, None, None, True, {}, 'ApplicantCounts | None', None, False, False, None, 'no_correction', True), ('unpaid_fee', None, True, True, None, True, None, None, True, {}, 'ApplicantCounts | None', None, False, False, None, 'unpaid_fee', True), ('other', None, True, True, None, True, None, None, True, {}, 'ApplicantCounts | None', None, False, False, None, 'other', True)),
        (False, True, True, True, ('KeywordOnly', 'NO'), True, True, True, True, False, ('Hashability', 'HASHABLE'), True, False, True, None, None),
        (('__attrs_attrs__', 'fields', None), ('__attrs_props__', 'props', None), ('__setattr__', 'attrs', '_frozen_setattrs'), ('__delattr__', 'attrs', '_frozen_delattrs'), ('__getstate__', 'pickling', None), ('__ne__', 'attrs', '__ne__'), ('__match_args__', 'value', ('no_correction', 'unpaid_fee', 'other')), ('__repr__', 'method', None), ('__eq__', 'method', None), ('__hash__', 'method', None), ('__init__', 'method', {'return': None, 'no_correction': 'ApplicantCounts | None', 'unpaid_fee': 'ApplicantCounts | None', 'other': 'ApplicantCounts | None'})),
        ('repr', 'eq', 'hash', 'init'),
        _methods_templates_views__OtherHandlingCounts,
        None,
        ('no_correction', 'unpaid_fee', 'other', '__weakref__'),
    ),
    '.templates.views:ApplicationsTable': (
        ('ApplicationsTable', (), (('builtins:object', None),), ('__module__', '__annotations__', '__doc__', '_parts', 'new', 'carried_over', 'granted', 'partial', 'withheld', 'unavailable', 'not_processed', 'other_handling', 'other_handling_rows', 'total', 'carried_forward'), (('_parts', 'ClassVar[Mapping[str, tuple[type[Any], str]]]'), ('new', 'ApplicantCounts | None'), ('carried_over', 'ApplicantCounts | None'), ('granted', 'ApplicantCounts | None'), ('partial', 'ApplicantCounts | None'), ('withheld', 'WithheldCounts | None'), ('unavailable', 'UnavailableCounts | None'), ('not_processed', 'NotProcessedCounts | None'), ('other_handling', 'ApplicantCounts | None'), ('other_handling_rows', 'OtherHandlingCounts | None'), ('total', 'ApplicantCounts | None'), ('carried_forward', 'ApplicantCounts | None')), (), ()),
        (('new', None, True, True, None, True, None, None, True, {}, 'ApplicantCounts | None', None, False, False, None, 'new', True), ('carried_over', None, True, True, None, True, None, None, True, {}, 'ApplicantCounts | None', None, False, False, None, 'carried_over', True), ('granted', None, True, True, None, True, None, None, True, {}, 'ApplicantCounts | None', None, False, False, None, 'granted', True), ('partial', None, True, True, None, True, None, None, True, {}, 'ApplicantCounts | None', None, False, False, None, 'partial', True), ('withheld', None, True, True, None, True, None, None, True, {}, 'WithheldCounts | None', None, False, False, None, 'withheld', True), ('unavailable', None, True, True, None, True, None, None, True, {}, 'UnavailableCounts | None', None, False, False, None, 'unavailable', True), ('not_processed', None, True, True, None, True, None, None, True, {}, 'NotProcessedCounts | None', None, False, False, None, 'not_processed', True), ('other_handling', None, True, True, None, True, None, None, True, {}, 'ApplicantCounts | None', None, False, False, None, 'other_handling', True), ('other_handling_rows', None, True, True, None, True, None, None, True, {}, 'OtherHandlingCounts | None', None, False, False, None, 'other_handling_rows', True), ('total', None, True, True, None, True, None, None, True, {}, 'ApplicantCounts | None', None, False, False, None, 'total', True), ('carried_forward', None, True, True, None, True, None, None, True, {}, 'ApplicantCounts | None', None, False, False, None, 'carried_forward', True)),
        (False, True, True, True, ('KeywordOnly', 'NO'), True, True, True, True, False, ('Hashability', 'HASHABLE'), True, False, True, None, None),
        (('__attrs_attrs__', 'fields', None), ('__attrs_props__', 'props', None), ('__setattr__', 'attrs', '_frozen_setattrs'), ('__delattr__', 'attrs', '_frozen_delattrs'), ('__getstate__', 'pickling', None), ('__ne__', 'attrs', '__ne__'), ('__match_args__', 'value', ('new', 'carried_over', 'granted', 'partial', 'withheld', 'unavailable', 'not_processed', 'other_handling', 'other_handling_rows', 'total', 'carried_forward')), ('__repr__', 'method', None), ('__eq__', 'method', None), ('__hash__', 'method', None), ('__init__', 'method', {'return': None, 'new': 'ApplicantCounts | None', 'carried_over': 'ApplicantCounts | None', 'granted': 'ApplicantCounts | None', 'partial': 'ApplicantCounts | None', 'withheld': 'WithheldCounts | None', 'unavailable': 'UnavailableCounts | None', 'not_processed': 'NotProcessedCounts | None', 'other_handling': 'ApplicantCounts | None', 'other_handling_rows': 'OtherHandlingCounts | None', 'total': 'ApplicantCounts | None', 'carried_forward': 'ApplicantCounts | None'})),
        ('repr', 'eq', 'hash', 'init'),
        _methods_templates_views__ApplicationsTable,
        None,
        ('new', 'carried_over', 'granted', 'partial', 'withheld', 'unavailable', 'not_processed', 'other_handling', 'other_handling_rows', 'total', 'carried_forward', '__weakref__'),
    ),
    '.templates.views:AppealOutcomes': (
        ('AppealOutcomes', (), (('builtins:object', None),), ('__module__', '__annotations__', '__doc__', 'upheld', 'corrected', 'other', 'pending', 'total'), (('upheld', 'int | None'), ('corrected', 'int | None'), ('other', 'int | None'), ('pending', 'int | None'), ('total', 'int | None')), (), ()),
        (('upheld', None, True, True, None, True, None, None, True, {}, 'int | None', None, False, False, None, 'upheld', True), ('corrected', None, True, True, None, True, None, None, True, {}, 'int | None', None, False, False, None, 'corrected', True), ('other', None, True, True, None, True, None, None, True, {}, 'int | None', None, False, False, None, 'other', True), ('pending', None, True, True, None, True, None, None, True, {}, 'int | None', None, False, False, None, 'pending', True), ('total', None, True, True, None, True, None, None, True, {}, 'int | None', None, False, False, None, 'total', True)),
        (False, True, True, True, ('KeywordOnly', 'NO'), True, True, True, True, False, ('Hashability', 'HASHABLE'), True, False, True, None, None),
        (('__attrs_attrs__', 'fields', None), ('__attrs_props__', 'props', None), ('__setattr__', 'attrs', '_frozen_setattrs'), ('__delattr__', 'attrs', '_frozen_delattrs'), ('__getstate__', 'pickling', None), ('__ne__', 'attrs', '__ne__'), ('__match_args__', 'value', ('upheld', 'corrected', 'other', 'pending', 'total')), ('__repr__', 'method', None), ('__eq__', 'method', None), ('__hash__', 'method', None), ('__init__', 'method', {'return': None, 'upheld': 'int | None', 'corrected': 'int | None', 'other': 'int | None', 'pending': 'int | None', 'total': 'int | None'})),
        ('repr', 'eq', 'hash', 'init'),
        _methods_templates_views__AppealOutcomes,
        None,
        ('upheld', 'corrected', 'other', 'pending', 'total', '__weakref__'),
    ),
    '.templates.views:ReviewLitigation': (
        ('ReviewLitigation', (), (('builtins:object', None),), ('__module__', '__annotations__', '__doc__', '_parts', 'review', 'litigation_direct', 'litigation_after_review'), (('_parts', 'ClassVar[Mapping[str, tuple[type[Any], str]]]'), ('review', 'AppealOutcomes | None'), ('litigation_direct', 'AppealOutcomes | None'), ('litigation_after_review', 'AppealOutcomes | None')), (), ()),
        (('review', None, True, True, None, True, None, None, True, {}, 'AppealOutcomes | None', None, False, False, None, 'review', True), ('litigation_direct', None, True, True, None, True, None, None, True, {}, 'AppealOutcomes | None', None, False, False, None, 'litigation_direct', True), ('litigation_after_review', None, True, True, None, True, None, None, True, {}, 'AppealOutcomes | None', None, False, False, None, 'litigation_after_review', True)),
        (False, True, True, True, ('KeywordOnly', 'NO'), True, True, True, True, False, ('Hashability', 'HASHABLE'), True, False, True, None, None),
        (('__attrs_attrs__', 'fields', None), ('__attrs_props__', 'props', None), ('__setattr__', 'attrs', '_frozen_setattrs'), ('__delattr__', 'attrs', '_frozen_delattrs'), ('__getstate__', 'pickling', None), ('__ne__', 'attrs', '__ne__'), ('__match_args__', 'value', ('review', 'litigation_direct', 'litigation_after_review')), ('__repr__', 'method', None), ('__eq__', 'method', None), ('__hash__', 'method', None), ('__init__', 'method', {'return': None, 'review': 'AppealOutcomes | None', 'litigation_direct': 'AppealOutcomes | None', 'litigation_after_review': 'AppealOutcomes | None'})),
        ('repr', 'eq', 'hash', 'init'),
        _methods_templates_views__ReviewLitigation,
        None,
        ('review', 'litigation_direct', 'litigation_after_review', '__weakref__'),
    ),
}
