/*
 * w32-wide.c - compiled by check-install.sh as C99 AND as C++11 against
 * the INSTALLED SDK with its pkg-config flags (-fshort-wchar, libihvwin32),
 * then run: L"..." literals are UTF-16 WCHAR strings, and the wide-string
 * names a Windows source calls (wcslen, wcscmp, swprintf_s, std::wcslen
 * in C++) reach the SDK's UTF-16 functions, not glibc's 4-byte ones (which
 * would count "a\u20ac" as one unit or read past the end). Exit 0 when
 * every check holds; otherwise one line per failure.
 */
#include <windows.h>
#include <strsafe.h>
#include <wlanihv.h>
#include <stdio.h>
#include <wchar.h>
#ifdef __cplusplus
#include <cwchar>
#include <string>
#endif

static int failures;

#define CHECK(cond) \
	do { if (!(cond)) { printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); failures++; } } while (0)

int main(void)
{
	static const WCHAR s[] = L"a\u20ac\U0001D11Ez";
	DOT11EXT_IHV_CONNECTIVITY_PROFILE conn = { (LPWSTR)L"<IhvConnectivity/>" };
	WCHAR buf[32];
	char narrow[32];

	CHECK(sizeof(WCHAR) == 2 && sizeof(L'x') == 2);
	CHECK(wcslen(s) == 5);
	CHECK(s[2] == 0xd834 && s[3] == 0xdd1e);
	CHECK(wcscmp(conn.pszXmlFragmentIhvConnectivity, L"<IhvConnectivity/>") == 0);
	CHECK(wcscmp(conn.pszXmlFragmentIhvConnectivity, L"<IhvConnectivity />") != 0);
	CHECK(_wcsicmp(L"ABC", L"abc") == 0);
	CHECK(swprintf_s(buf, 32, L"%s-%lu", s, (DWORD)4000000000u) == 16);
	CHECK(wcscmp(buf, L"a\u20ac\U0001D11Ez-4000000000") == 0);
	CHECK(StringCchPrintfW(buf, 32, L"%S", "x\xc3\xa9") == S_OK && wcscmp(buf, L"x\u00e9") == 0);
	CHECK(wcstombs(narrow, s, sizeof(narrow)) == 9);
	CHECK(WideCharToMultiByte(CP_UTF8, 0, s, -1, narrow, sizeof(narrow), NULL, NULL) == 10);
#ifdef __cplusplus
	CHECK(std::wcslen(s) == 5);
	{
		std::u16string u(reinterpret_cast<const char16_t *>(s));
		CHECK(u.size() == 5);
	}
	CHECK(wcscpy_s(buf, L"array form") == 0 && wcslen(buf) == 10);
#endif
	if (failures)
		return 1;
	puts("w32-wide: all checks passed");
	return 0;
}
