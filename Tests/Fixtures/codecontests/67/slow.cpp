#include <bits/stdc++.h>
using namespace std;
typedef long long ll;
int main() {
    ll n;
    char buf[64];
    if (scanf("%lld %63s", &n, buf) != 2) return 0;
    string s(buf), ip = s, fp;
    size_t dot = s.find('.');
    if (dot != string::npos) { ip = s.substr(0, dot); fp = s.substr(dot + 1); }
    while (fp.size() < 4) fp += '0';
    fp = fp.substr(0, 4);
    ll p4 = (ip.empty() ? 0 : stoll(ip)) * 10000 + stoll(fp);
    // brute force over every k and every triple of maps: O(n^4)
    for (ll k = 0; k <= n; k++) {
        ll good2 = 0, total = 0;
        for (ll a = 0; a < n; a++)
            for (ll b = a + 1; b < n; b++)
                for (ll c = b + 1; c < n; c++) {
                    int j = (a < k) + (b < k) + (c < k);
                    good2 += j == 0 ? 0 : (j == 1 ? 1 : 2);
                    total += 2;
                }
        if (good2 * 10000 >= total * p4) { printf("%lld\n", k); return 0; }
    }
}
