import yaml,re
USED=['definitions','detainers','release_dates','personal_information','transfers','facility_access','records_access','interviews','status_inquiry','copy_to_person','notify_person_and_counsel','juvenile_records','subpoenas','decline_and_report','detainee_notice_forms','public_records','agreements_287g']
# California, chosen by hand: the statements each document needs (the rest reach the memo's proof table).
CA={
 'detainers':['ca-values-no-hold-requests','ca-values-no-civil-warrant-arrests'],
 'release_dates':['ca-values-release-dates','ca-values-responses-never-required','ca-trust-discretion-only-where-permitted'],
 'personal_information':['ca-values-personal-information'],
 'transfers':['ca-values-transfers','ca-trust-listed-cases-notification-transfer-only','ca-trust-prop47-exclusion'],
 'facility_access':['ca-values-office-space'],
 'interviews':['ca-values-interview-access-permitted','ca-truth-consent-form-required','ca-truth-consent-form-content','ca-truth-consent-form-languages'],
 'status_inquiry':['ca-values-no-status-inquiry'],
 'copy_to_person':['ca-truth-copy-of-request'],
 'notify_person_and_counsel':['ca-truth-release-date-notice'],
 'juvenile_records':['ca-juvenile-no-disclosure-to-federal-officials','ca-juvenile-information-includes-immigration-status'],
 'decline_and_report':['ca-values-report-transfers-to-doj'],
 'public_records':['ca-truth-records-public','ca-truth-community-forum'],
 'agreements_287g':['ca-values-no-287g-functions'],
 'definitions':['ca-values-judicial-warrant-definition','ca-values-judicial-probable-cause-definition'],
}
# Propositions that bind someone other than the county jail, though tagged `local` or
# `probation`: courts and prosecutors (Washington), probation staff only (Colorado).
NOT_THE_JAILS=['wa-cota-no-courthouse-notification','co-hb19-1124-probation-no-personal-information']
def auto(state_file):
    d=yaml.safe_load(open(state_file)) or {}
    d={k:v for k,v in d.items() if k not in NOT_THE_JAILS}
    law={}
    for k,v in d.items():
        p=v.get('provision'); b=v.get('binds') or []
        if p not in USED: continue
        if b and not any(x!='state_prisons' for x in b): continue
        law.setdefault(p,[]).append(k)
    # Oregon's duty to decline a request is the law on administrative subpoenas too.
    if 'or-spa-decline-and-document' in d: law.setdefault('subpoenas',[]).append('or-spa-decline-and-document')
    return law
def write(cfg,law,comment):
    s=open(cfg).read()
    i=s.find('\nlaw:')
    # drop the old law map and the comment block right above it
    head=s[:i+1] if i>=0 else s
    lines=head.rstrip('\n').split('\n')
    while lines and lines[-1].startswith('#'): lines.pop()
    head='\n'.join(lines)+'\n'
    body=comment+'law:\n'+''.join(f'  {p}: [{", ".join(ks)}]\n' for p,ks in law.items()) if law else comment
    open(cfg,'w').write(head+body)
J='jurisdictions/us'
write(f'{J}/ca/jurisdiction.yaml',CA,'''# California law binding county agencies (Values Act, TRUST Act, TRUTH Act, W&I § 831): the
# propositions each document states, by subject. Every proposition's text, pinpoint and quoted
# source are in propositions.yaml beside this file; the memo's proof table lists them all.
# The state prison department (CDCR) is not bound by these (Gov. Code § 7284.4(a)): its kit is
# us/ca/cdcr, with § 7284.10.
''')
for st,name in [('il','Illinois'),('nj','New Jersey'),('wa','Washington'),('or','Oregon'),('ny','New York State'),('co','Colorado')]:
    write(f'{J}/{st}/jurisdiction.yaml',auto(f'{J}/{st}/propositions.yaml'),f'''# {name} law binding county agencies, by subject (propositions.yaml beside this file has each
# one's text, pinpoint and quoted source). Subjects with no entry rest on agency policy, and the
# documents say so.
''')
write(f'{J}/ny/new-york-city/jurisdiction.yaml',auto(f'{J}/ny/new-york-city/propositions.yaml') ,'''# New York City law binding the Department of Correction (propositions.yaml beside this file).
# N.Y.C. Admin. Code § 9-131's operative text could not be read and confirmed: it is not stated.
''')
write(f'{J}/ca/santa-clara/jurisdiction.yaml',{},'''# Law: California's (inherited). Board Policy 3.54 is in the registry, but its own text was not
# read, so no document states it yet.
''')
for f in ['ca/los-angeles','ca/alameda']:
    s=open(f'{J}/{f}/jurisdiction.yaml').read()
    assert '\nlaw:' not in s, f
write(f'{J}/jurisdiction.yaml',{},'''# Federal law is stated by the documents themselves, by proposition key (propositions.yaml
# beside this file); a state's `law:` holds only its own binding law.
''')

p=f'{J}/ny/jurisdiction.yaml'
s=open(p).read()
s=re.sub(r'(?m)^  facility_access: \[ny-poca.*\n','',s)
open(p,'w').write(s)
