#include <bits/stdc++.h>
using namespace std;
int main() {
    int q;
    if (scanf("%d", &q) != 1) return 0;
    vector<array<int, 3>> qs(q);
    for (auto& e : qs) {
        scanf("%d %d", &e[0], &e[1]);
        if (e[0] == 2) scanf("%d", &e[2]);
    }
    const int MAXV = 500001;
    vector<int> fin(MAXV);
    iota(fin.begin(), fin.end(), 0);
    vector<int> res;
    for (int i = q - 2; i >= 0; i--) {  // bug: off by one, the last query is skipped
        if (qs[i][0] == 1) res.push_back(fin[qs[i][1]]);
        else fin[qs[i][1]] = fin[qs[i][2]];
    }
    reverse(res.begin(), res.end());
    for (size_t i = 0; i < res.size(); i++) printf("%d%c", res[i], i + 1 < res.size() ? ' ' : '\n');
}
