package wire

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func frames(t *testing.T, s *Signer, msgType string, content string) [][]byte {
	t.Helper()
	m := &Message{
		Identities: [][]byte{[]byte("client-1")},
		Header:     NewHeader(msgType, "sess"),
		Content:    json.RawMessage(content),
	}
	f, err := s.Encode(m)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestRoundTrip(t *testing.T) {
	s := NewSigner([]byte("secret"))
	f := frames(t, s, "execute_request", `{"code":"1+1"}`)
	if string(f[1]) != Delimiter {
		t.Fatalf("frame 1 = %q, want delimiter", f[1])
	}
	m, err := s.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if m.Header.MsgType != "execute_request" || string(m.Identities[0]) != "client-1" {
		t.Errorf("decoded %+v", m.Header)
	}
	var c struct{ Code string }
	if err := json.Unmarshal(m.Content, &c); err != nil || c.Code != "1+1" {
		t.Errorf("content %s: %v", m.Content, err)
	}
	if string(m.ParentHeader) != "{}" {
		t.Errorf("parent = %s, want {}", m.ParentHeader)
	}
}

func TestSignatureIsHMACSHA256(t *testing.T) {
	// Known answer computed with Python's hmac.new(b"key", h+p+m+c, hashlib.sha256).hexdigest().
	s := NewSigner([]byte("key"))
	got := s.Sign([]byte(`{"a":1}`), []byte(`{}`), []byte(`{}`), []byte(`{"b":2}`))
	const want = "0206f42f4ae2a48f6054ab91271f90c100f7022f55fb1f23de6377624d533752"
	if got != want {
		t.Fatalf("signature %q, want %q", got, want)
	}
}

func TestDecodeRejects(t *testing.T) {
	s := NewSigner([]byte("secret"))
	good := frames(t, s, "kernel_info_request", `{}`)
	tamper := func(i int, b string) [][]byte {
		f := make([][]byte, len(good))
		copy(f, good)
		f[i] = []byte(b)
		return f
	}
	cases := []struct {
		name   string
		frames [][]byte
		want   error
	}{
		{"no delimiter", [][]byte{[]byte("a"), []byte("b")}, ErrNoDelimiter},
		{"short", good[:4], ErrShort},
		{"bad signature", tamper(2, strings.Repeat("0", 64)), ErrBadSignature},
		{"missing signature", tamper(2, ""), ErrBadSignature},
		{"tampered content", tamper(6, `{"x":1}`), ErrBadSignature},
		{"wrong key", frames(t, NewSigner([]byte("other")), "kernel_info_request", `{}`), ErrBadSignature},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := s.Decode(c.frames)
			if !errors.Is(err, c.want) {
				t.Fatalf("err = %v, want %v", err, c.want)
			}
		})
	}
}

func TestDecodeMalformedJSON(t *testing.T) {
	s := NewSigner(nil)
	f := [][]byte{[]byte(Delimiter), nil, []byte(`{not json`), []byte(`{}`), []byte(`{}`), []byte(`{}`)}
	if _, err := s.Decode(f); err == nil {
		t.Fatal("malformed header accepted")
	}
	f = [][]byte{[]byte(Delimiter), nil, []byte(`{"msg_type":"x"}`), []byte(`{}`), []byte(`{}`), []byte(`{"a":`)}
	if _, err := s.Decode(f); err == nil {
		t.Fatal("malformed content accepted")
	}
}

func TestEmptyKeyDoesNotSign(t *testing.T) {
	s := NewSigner(nil)
	f := frames(t, s, "status", `{}`)
	if len(f[2]) != 0 {
		t.Fatalf("signature %q with empty key", f[2])
	}
	if _, err := s.Decode(f); err != nil {
		t.Fatal(err)
	}
}

func TestReplyEchoesParent(t *testing.T) {
	s := NewSigner([]byte("k"))
	req, err := s.Decode(frames(t, s, "kernel_info_request", `{}`))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Reply(req, "kernel_info_reply", map[string]string{"status": "ok"})
	if err != nil {
		t.Fatal(err)
	}
	if string(rep.ParentHeader) != string(req.RawHeader) || rep.Header.Session != "sess" {
		t.Fatalf("reply parent %s session %s", rep.ParentHeader, rep.Header.Session)
	}
	if string(rep.Identities[0]) != "client-1" {
		t.Fatal("identities not kept")
	}
}

func TestNewIDIsUUID4(t *testing.T) {
	id := NewID()
	if len(id) != 36 || id[14] != '4' || id == NewID() {
		t.Fatalf("bad id %q", id)
	}
}
