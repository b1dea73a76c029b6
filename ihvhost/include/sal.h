/*
 * sal.h - Microsoft's source-code annotation language (SAL 1 and SAL 2)
 * as empty macros: the annotations are checked by Microsoft's /analyze,
 * which does not run here, so they only have to disappear.
 *
 * Part of the ihvhost IHV SDK. An extension's prototypes carry them
 * (`DWORD WINAPI f(_In_ HANDLE h, _Out_writes_bytes_(n) PBYTE p)`), so the
 * source compiles unchanged.
 *
 * C++: the SAL 1 names __in, __out, __success and __range are identifiers
 * inside libstdc++'s own headers (parameter and function names); as empty
 * macros they break any standard C++ header included after them. They are
 * therefore defined in C++ only when the extension asks for them with
 * -DIHVSDK_LEGACY_SAL, and then every standard C++ header must be included
 * before <windows.h>. SAL 2 (_In_, _Out_, ...) is always defined.
 */
#ifndef IHVSDK_SAL_H
#define IHVSDK_SAL_H

/* ---- SAL 2 ------------------------------------------------------------ */
#define _In_
#define _In_opt_
#define _In_z_
#define _In_opt_z_
#define _In_reads_(n)
#define _In_reads_opt_(n)
#define _In_reads_bytes_(n)
#define _In_reads_bytes_opt_(n)
#define _In_reads_z_(n)
#define _In_range_(lo, hi)
#define _Out_
#define _Out_opt_
#define _Out_writes_(n)
#define _Out_writes_opt_(n)
#define _Out_writes_bytes_(n)
#define _Out_writes_bytes_opt_(n)
#define _Out_writes_to_(n, c)
#define _Out_writes_bytes_to_(n, c)
#define _Out_writes_z_(n)
#define _Out_writes_all_(n)
#define _Out_writes_bytes_all_(n)
#define _Out_range_(lo, hi)
#define _Inout_
#define _Inout_opt_
#define _Inout_z_
#define _Inout_updates_(n)
#define _Inout_updates_opt_(n)
#define _Inout_updates_bytes_(n)
#define _Inout_updates_bytes_opt_(n)
#define _Inout_updates_z_(n)
#define _Outptr_
#define _Outptr_opt_
#define _Outptr_result_maybenull_
#define _Outptr_result_buffer_(n)
#define _Outptr_result_bytebuffer_(n)
#define _Deref_out_
#define _Deref_out_opt_
#define _Ret_
#define _Ret_maybenull_
#define _Ret_notnull_
#define _Ret_z_
#define _Ret_writes_(n)
#define _Ret_writes_bytes_(n)
#define _Result_nullonfailure_
#define _Result_zeroonfailure_
#define _Check_return_
#define _Must_inspect_result_
#define _Success_(expr)
#define _Return_type_success_(expr)
#define _Printf_format_string_
#define _Reserved_
#define _Null_terminated_
#define _NullNull_terminated_
#define _Field_size_(n)
#define _Field_size_opt_(n)
#define _Field_size_bytes_(n)
#define _Field_size_bytes_opt_(n)
#define _Field_range_(lo, hi)
#define _Field_z_
#define _Struct_size_bytes_(n)
#define _Pre_
#define _Post_
#define _Pre_valid_
#define _Post_valid_
#define _Pre_notnull_
#define _Pre_maybenull_
#define _Post_invalid_
#define _Post_z_
#define _Pre_satisfies_(expr)
#define _Post_satisfies_(expr)
#define _When_(expr, annos)
#define _At_(target, annos)
#define _Use_decl_annotations_
#define _Analysis_assume_(expr)
#define _Frees_ptr_
#define _Frees_ptr_opt_
#define _Notnull_
#define _Maybenull_
#define _Acquires_lock_(lock)
#define _Releases_lock_(lock)
#define _Requires_lock_held_(lock)
#define _Requires_lock_not_held_(lock)
#define _Acquires_exclusive_lock_(lock)
#define _Releases_exclusive_lock_(lock)
#define _Guarded_by_(lock)
#define _Interlocked_operand_
#define _Function_class_(name)
#define _IRQL_requires_max_(irql)
#define _Always_(annos)
#define _Maybe_raises_SEH_exception_

/* ---- SAL 1 (Windows Vista/7-era samples) ------------------------------ */
#if !defined(__cplusplus) || defined(IHVSDK_LEGACY_SAL)
#define __in
#define __out
#define __success(expr)
#define __range(lo, hi)
#endif
#define __in_opt
#define __in_z
#define __in_opt_z
#define __in_bcount(n)
#define __in_bcount_opt(n)
#define __in_ecount(n)
#define __in_ecount_opt(n)
#define __out_opt
#define __out_z
#define __out_bcount(n)
#define __out_bcount_opt(n)
#define __out_ecount(n)
#define __out_ecount_opt(n)
#define __out_bcount_part(n, c)
#define __out_ecount_part(n, c)
#define __inout
#define __inout_opt
#define __inout_z
#define __inout_bcount(n)
#define __inout_ecount(n)
#define __deref_out
#define __deref_out_opt
#define __deref_out_bcount(n)
#define __deref_out_ecount(n)
#define __deref_inout
#define __deref_opt_out
#define __reserved
#define __checkReturn
#define __callback
#define __nullterminated
#define __format_string
#define __field_bcount(n)
#define __field_ecount(n)

#endif /* IHVSDK_SAL_H */
