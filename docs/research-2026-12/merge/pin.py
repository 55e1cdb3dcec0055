# Gives each proposition without a pinpoint the one found for it (pinpoints.yaml), and drops
# those for which none was found, from the registry files and the law maps.
import yaml,glob,re,os
pins={}
if os.path.exists('/work/research/pinpoints.yaml'):
    pins={k:v for k,v in (yaml.safe_load(open('/work/research/pinpoints.yaml')) or {}).items() if v and v.get('pinpoint')}
dropped=[]
for f in glob.glob('jurisdictions/us/**/propositions.yaml',recursive=True):
    text=open(f).read()
    data=yaml.safe_load(text) or {}
    for k,v in data.items():
        if v.get('pinpoint'): continue
        # the entry's block: from its key line to the next top-level key
        m=re.search(r'(?ms)^'+re.escape(k)+r':\n.*?(?=^\S|\Z)',text)
        block=m.group(0)
        if k in pins:
            p=pins[k]['pinpoint'].replace('"','\\"')
            nb=re.sub(r'(?m)^  pinpoint:.*\n','',block)
            nb=nb.replace(f'{k}:\n',f'{k}:\n  # pinpoint: {pins[k].get("basis","")[:300]}\n  pinpoint: "{p}"\n',1) if 'authority:' in nb else nb
            # put the pinpoint after the authority line
            nb=re.sub(r'(?m)^(  authority: .*\n)',r'\1',nb)
            text=text.replace(block,nb)
        else:
            dropped.append(k)
            text=text.replace(block,'')
    open(f,'w').write(text)
for f in glob.glob('jurisdictions/us/**/jurisdiction.yaml',recursive=True):
    s=open(f).read()
    for k in dropped:
        s=re.sub(r'(\[|, )'+re.escape(k)+r'(?=[,\]])',lambda m: m.group(1) if m.group(1)=='[' else '',s)
    s=s.replace('[, ','[')
    s=re.sub(r'(?m)^  [a-z_0-9]+: \[\]\n','',s) if 'cdcr' not in f else s
    open(f,'w').write(s)
print('dropped',len(dropped),dropped)
