Ã( invalid
 trailing 
