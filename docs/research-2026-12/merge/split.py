import re, sys, os, yaml, collections
R='/work/research'
def chunks(path):
    lines=open(path).read().split('\n')
    out=[]; cur=[]; key=None; pre=[]
    header=[]
    for ln in lines:
        m=re.match(r'^([a-z0-9][a-z0-9.\-]*):\s*$',ln)
        if m:
            if key: out.append((key,cur))
            key=m.group(1); cur=pre+[ln]; pre=[]
        elif ln.startswith('#') or ln.strip()=='' :
            if key is None: header.append(ln)
            else: pre.append(ln)
        else:
            cur.extend(pre); pre=[]; cur.append(ln)
    if key: out.append((key,cur))
    return header,out
auth={}; authsrc={}
props={}
for d in sorted(os.listdir(R)):
    if d in('merge',) or not os.path.isdir(f'{R}/{d}'): continue
    for kind in ('authorities','propositions'):
        p=f'{R}/{d}/{kind}.yaml'
        if not os.path.exists(p): continue
        data=yaml.safe_load(open(p))
        h,cs=chunks(p)
        for k,c in cs:
            assert k in data,(p,k)
            tgt=auth if kind=='authorities' else props
            if k in tgt: print('DUP',kind,k,d,tgt[k][0]); continue
            tgt[k]=(d,'\n'.join(c).strip('\n'),data[k])
print(len(auth),len(props))
# place
def place_auth(a): return a['jurisdiction']
outs=collections.defaultdict(lambda: {'authorities':[], 'propositions':[]})
for k,(d,txt,a) in auth.items():
    outs[a['jurisdiction']]['authorities'].append(txt)
for k,(d,txt,p) in props.items():
    a=auth.get(p['authority'])
    if a is None: print('NOAUTH',k,p['authority'],d); j='us'
    else: j=a[2]['jurisdiction']
    # federal developments about a state go with the state's file
    # A state's researcher covered that state's own suits: the federal file's copies of them go.
    if d=='federal-2025' and k.startswith(('us-v-illinois-2025','us-v-new-york-poca-2025','us-v-city-of-new-york-2025','us-v-colorado-2025','us-v-los-angeles-2025')):
        continue
    pre=k.split('-')[0]
    states={'ca':'us/ca','il':'us/il','nj':'us/nj','ny':'us/ny','co':'us/co','wa':'us/wa','or':'us/or','nyc':'us/ny/new-york-city','cdcr':'us/ca'}
    by_dir={'ca-local':'us/ca','ca-state':'us/ca','il':'us/il','nj':'us/nj'}
    if j=='us' and pre in states: j=states[pre]
    elif j=='us' and d in by_dir: j=by_dir[d]
    elif j=='us' and d=='ny-co':
        j='us/co' if 'colorado' in k else ('us/ny/new-york-city' if 'nyc' in k or 'city-of-new-york' in k else 'us/ny')
    elif j=='us' and d=='wa-or':
        j='us/wa' if k.startswith('wa') else 'us/or'
    txt=txt.replace('ADVERSE: ','').replace('ADVERSE — ','')
    outs[j]['propositions'].append(txt)
for j,v in sorted(outs.items()):
    print(j,len(v['authorities']),len(v['propositions']))
import json
json.dump({j:v for j,v in outs.items()},open(f'{R}/merge/placed.json','w'))
