import json,re,os
R='/work/research'
placed=json.load(open(f'{R}/merge/placed.json'))
# Massachusetts case lives with the federal registry, as before.
ma=placed.pop('us/ma')
for k in ('authorities','propositions'): placed['us'][k]+=ma[k]
H={'authorities':"""# yaml-language-server: $schema={up}schema/authorities.schema.json
# {who}: the authorities (statutes, regulations, cases, orders, forms) its propositions rest on.
# `source.official` is true only where the text was read at the official publisher's own site
# (a stored copy of it); everything else is a secondary copy and `check` lists it as such.
# Researched 2026-12-01 with the search tool's stored copies; see each entry's comments.
""",'propositions':"""# yaml-language-server: $schema={up}schema/propositions.schema.json
# {who}: every statement of law the documents may make, each with its authority, pinpoint and
# the source's own words quoted. Templates insert these by key (`prop`, `props`); they never
# state law in their own words. Researched 2026-12-01; read each text beside its quote.
"""}
WHO={'us':'Federal law and the 2025–26 federal actions','us/ca':'California','us/co':'Colorado','us/il':'Illinois','us/nj':'New Jersey','us/ny':'New York State','us/ny/new-york-city':'New York City','us/or':'Oregon','us/wa':'Washington'}
for j,v in placed.items():
    d=f'jurisdictions/{j}'
    up='../'*(j.count('/')+2)
    for kind in ('authorities','propositions'):
        body='\n\n'.join(v[kind])
        # `concerns` on an authority is a note, not a field: keep it as a comment.
        if kind=='authorities':
            body=re.sub(r'^  concerns: (.*)$',r'  # concerns: \1',body,flags=re.M)
        open(f'{d}/{kind}.yaml','w').write(H[kind].format(up=up,who=WHO[j])+'\n'+body+'\n')
print('ok')

p='jurisdictions/us/il/authorities.yaml'
s=open(p).read()
i=s.index('il-pa-101-0019:'); j=s.index('  status: in_force',i)
s=s[:j]+'  status: in_force\n  confirmed: 2026-12-01'+s[j+len('  status: in_force'):]
open(p,'w').write(s)

p='jurisdictions/us/ca/propositions.yaml'
s=open(p).read().replace('libertad condicional (probation)','libertad vigilada (probation)')
open(p,'w').write(s)
