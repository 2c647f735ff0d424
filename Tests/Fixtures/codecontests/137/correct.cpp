#include <bits/stdc++.h>
using namespace std;
typedef unsigned long long ull;
string bin(ull v) {
    string s;
    while (v) { s += char('0' + (v & 1)); v >>= 1; }
    reverse(s.begin(), s.end());
    return s;
}
bool onlyOnes(const string& s) { return s.find('0') == string::npos; }
int main() {
    ull x, y;
    if (scanf("%llu %llu", &x, &y) != 2) return 0;
    if (x == y) { puts("YES"); return 0; }
    string bx = bin(x), by = bin(y);
    string a = bx;
    while (!a.empty() && a.back() == '0') a.pop_back();
    string b = bx + "1";
    vector<string> cores = {a, b};
    for (int i = 0; i < 2; i++) { string r = cores[i]; reverse(r.begin(), r.end()); cores.push_back(r); }
    for (auto& c : cores) {
        for (size_t p = by.find(c); p != string::npos; p = by.find(c, p + 1)) {
            if (onlyOnes(by.substr(0, p)) && onlyOnes(by.substr(p + c.size()))) { puts("YES"); return 0; }
        }
    }
    puts("NO");
}
