# Differential-test server: evaluates each script it reads in a fresh child interpreter set up
# to behave like Tcl 8.4 where 8.6 allows it (tcl_precision 12), and answers with the completion
# code and the result.
#   tclsh tclsh-server.tcl
# Request (stdin):  <byte length of the UTF-8 script>\n<script bytes>
# Response (stdout): one line per request: <code> <base64 of the UTF-8 result>

fconfigure stdin -translation binary -buffering full
fconfigure stdout -translation lf -encoding ascii -buffering full

while {[gets stdin header] >= 0} {
    if {$header eq ""} continue
    set script [encoding convertfrom utf-8 [read stdin $header]]
    set child [interp create]
    $child eval {set tcl_precision 12}
    set code [catch {$child eval $script} result]
    interp delete $child
    puts "$code [binary encode base64 [encoding convertto utf-8 $result]]"
    flush stdout
}
