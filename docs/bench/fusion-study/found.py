import sys, numpy as np
sys.path.insert(0, '/work/evalcache/study')
from harness import *
C = '/work/evalcache/{s}/eval/{s}/bge-small-en-v1.5-q'
def rel(c): return 1 / (1 + np.exp(-(14.80 * c - 12.64)))
def ramp_w(n):
    return 0.6 if n <= 8 else 0.8 if n >= 64 else 0.6 + 0.2 * np.log(n / 8) / np.log(8)
for s in ['scifact', 'nfcorpus']:
    S = Set(s, C.format(s=s), f'/work/evalcache/study/{s}.tsv', 'queries.bin')
    covs = {}
    for i, l in enumerate(open(f'/work/evalcache/study/{s}.tsv')):
        if i == 0: continue
        q, d, sc, cov, sh = l.rstrip('\n').split('\t'); covs[(q, d)] = float(cov)
    rows = []
    for q in S.qids:
        qv = S.Q[q]; w = ramp_w(len(S.texts[q].split()))
        f = lambda c: w * zs(c['cos']) + (1 - w) * zs(c['bm25'])
        c = candidates(S, q, qv); sc = f(c)
        top = c['ids'][np.argsort(-sc, kind='stable')[:2]]
        q2 = qv + S.D[top].mean(axis=0); q2 /= np.linalg.norm(q2)
        c2 = candidates(S, q, q2); sc2 = f(c2)
        top5 = c2['ids'][np.argsort(-sc2, kind='stable')[:5]]
        cos = S.D[top5] @ qv
        conf = rel(cos.max())
        cv = [covs.get((q, S.doc_ids[d]), 0.0) for d in top5]
        rows.append((conf, max(cv), cv[int(np.argmax(cos))]))
    R = np.array(rows)
    print(s, 'n', len(R), 'conf<0.011: %.3f' % (R[:, 0] < 0.011).mean())
    for band in [0.02, 0.03, 0.05]:
        for cmin in [0.1, 0.2, 0.3, 0.5]:
            fnf = ((R[:, 0] < 0.011) | ((R[:, 0] < band) & (R[:, 1] < cmin))).mean()
            print('   band %.2f maxcov<%.1f -> false not-found %.3f' % (band, cmin, fnf))
    lo = R[R[:, 0] < 0.05]
    print('   low-confidence queries (conf<0.05):', len(lo), 'their maxcov p10/p50:', np.percentile(lo[:, 1], [10, 50]) if len(lo) else '-')
    bad = [ (S.qids[i], R[i]) for i in range(len(R)) if R[i, 0] < 0.02 and R[i, 1] < 0.1 and R[i, 0] >= 0.011]
    for q, r in bad: print('     ', q, '%.4f %.2f' % (r[0], r[1]), S.texts[q][:80])
