# Oracle server: answers, for each script it reads, how Tcl itself parses it.
#   tclsh server.tcl /path/to/libtclparse.so
# Request (stdin):  <byte length of the UTF-8 script>\n<script bytes>
# Response (stdout): one line of ASCII JSON per request, in order:
#   {"complete":true|false,"parse":<tclparse::commands result>}
# or {"fatal":"<message>"} if the extension itself failed.
load [lindex $argv 0] Tclparse

fconfigure stdin -translation binary -buffering full
fconfigure stdout -translation lf -encoding ascii -buffering full

while {[gets stdin header] >= 0} {
    if {$header eq ""} continue
    set bytes [read stdin $header]
    set script [encoding convertfrom utf-8 $bytes]
    if {[catch {
        set complete [expr {[info complete $script] ? "true" : "false"}]
        set answer "{\"complete\":$complete,\"parse\":[tclparse::commands $script]}"
    } msg]} {
        set answer "{\"fatal\":\"[string map {\\ \\\\ \" \\\" \n \\n} $msg]\"}"
    }
    puts $answer
    flush stdout
}
