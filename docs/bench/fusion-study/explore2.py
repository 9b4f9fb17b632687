import sys, numpy as np
sys.path.insert(0, '/work/evalcache/study')
from harness import *
from signals import *
exec(open('/work/evalcache/study/load.py').read())
W = [0.0, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]
import pickle
table = {}
for n, S in SETS.items():
    rows = []
    for q in S.qids:
        c = candidates(S, q, S.Q[q])
        sig = signals(c)
        rows.append((q, sig))
    per = {}
    for w in W:
        _, per[w] = run(S, convex(w), prf=False, per_query=True)
    table[n] = (rows, per)
    print(n, {w: round(np.mean(list(per[w].values())), 4) for w in W})
    keys = list(rows[0][1].keys())
    for k in keys:
        vals = np.array([r[1][k] for r in rows])
        print('   %-10s p10 %.3f p50 %.3f p90 %.3f' % (k, *np.percentile(vals, [10, 50, 90])))
pickle.dump(table, open('/work/evalcache/study/table.pkl', 'wb'))
