#include <bits/stdc++.h>
using namespace std;
int main() {
    int t;
    if (scanf("%d", &t) != 1) return 0;
    while (t--) {
        long long x1, p1, x2, p2;
        scanf("%lld %lld %lld %lld", &x1, &p1, &x2, &p2);
        string s1 = to_string(x1), s2 = to_string(x2);
        long long l1 = s1.size() + p1, l2 = s2.size() + p2;
        char r;
        if (l1 != l2) r = l1 < l2 ? '<' : '>';
        else {
            // bug: compares only the first min(len) - 1 digits (off by one), ignores the rest
            size_t w = min(s1.size(), s2.size()) - 1;
            string a = s1.substr(0, w), b = s2.substr(0, w);
            r = a < b ? '<' : (a > b ? '>' : '=');
        }
        printf("%c\n", r);
    }
}
