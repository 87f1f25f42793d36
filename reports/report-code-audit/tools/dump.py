import json,sys
nb=json.load(open(sys.argv[1]))
print("nbformat",nb.get('nbformat'),"meta",json.dumps(nb.get('metadata',{}).get('language_info',{}).get('version')), json.dumps(nb.get('metadata',{}).get('kernelspec',{})))
maxout=int(sys.argv[2]) if len(sys.argv)>2 else 6000
ci=0
for i,c in enumerate(nb['cells']):
    src=''.join(c['source']) if isinstance(c['source'],list) else c['source']
    if c['cell_type']!='code':
        print(f"==== [{i}] {c['cell_type']}"); print(src); continue
    print(f"==== cell {ci} (raw idx {i}) exec={c.get('execution_count')}")
    ci+=1
    for n,l in enumerate(src.split('\n')):
        print(f"  {n+1:3d}| {l}")
    for o in c.get('outputs',[]):
        t=o.get('output_type')
        if t=='stream':
            txt=''.join(o['text'])
        elif t in('execute_result','display_data'):
            d=o.get('data',{})
            txt=''.join(d.get('text/plain','')) + (' [IMAGE png]' if 'image/png' in d else '')
        elif t=='error':
            txt='ERROR '+o.get('ename','')+': '+o.get('evalue','')
        else: txt=str(t)
        if len(txt)>maxout: txt=txt[:maxout//2]+f"\n...[{len(txt)} chars truncated]...\n"+txt[-maxout//2:]
        print(f"  -->({t})"); print('     '+txt.replace('\n','\n     '))
