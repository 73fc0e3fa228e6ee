"""What the build writes: figure files and workbooks, the Word annex, the check report, the diff, the entry template."""
