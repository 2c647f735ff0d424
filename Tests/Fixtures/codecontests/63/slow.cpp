#include <bits/stdc++.h>
using namespace std;
int main() {
    int n;
    if (scanf("%d", &n) != 1) return 0;
    vector<string> s(n);
    static char buf[400005];
    for (auto& x : s) { scanf("%400004s", buf); x = buf; }
    vector<int> order(n);
    iota(order.begin(), order.end(), 0);
    int best = 0;
    do {  // all n! orders
        int bal = 0, res = 0;
        bool ok = true;
        for (int i = 0; i < n && ok; i++)
            for (char c : s[order[i]]) {
                bal += c == '(' ? 1 : -1;
                if (bal < 0) { ok = false; break; }
                if (bal == 0) res++;
            }
        best = max(best, res);
    } while (next_permutation(order.begin(), order.end()));
    printf("%d\n", best);
}
